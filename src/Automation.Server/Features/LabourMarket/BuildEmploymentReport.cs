using Automation.Data;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Automation.Workforce.Importing;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

internal sealed record BuildEmploymentReport(DateOnly? From, DateOnly? To) : IRequest<EmploymentReport>
{
    internal sealed class Handler(TimeProvider clock, LabourFigures figures) : IRequestHandler<BuildEmploymentReport, EmploymentReport>
    {
        public async ValueTask<EmploymentReport> Handle(BuildEmploymentReport request, CancellationToken cancellationToken) =>
            ReportBuilder.Build(await figures.ReportInputAsync(request.From, request.To, cancellationToken), LabourFigures.Catalog, clock.GetUtcNow());
    }
}
