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

internal sealed record GetRoleSteps : IRequest<IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<GetRoleSteps, IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>>
    {
        public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>> Handle(GetRoleSteps request, CancellationToken cancellationToken) =>
            RoleSteps.ByRole((await store.LatestPublishedAsync(cancellationToken)).OrderBy(p => p.Id, StringComparer.Ordinal));
    }
}
