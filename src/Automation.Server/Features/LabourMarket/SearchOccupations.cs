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

internal sealed record SearchOccupations(string? Query, int Limit) : IRequest<IReadOnlyList<OccupationDto>>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<SearchOccupations, IReadOnlyList<OccupationDto>>
    {
        public async ValueTask<IReadOnlyList<OccupationDto>> Handle(SearchOccupations request, CancellationToken cancellationToken)
        {
            var potentials = await store.SubstitutabilityAsync(cancellationToken);
            var q = request.Query?.Trim();
            return LabourFigures.Catalog.Occupations
                .Where(o => string.IsNullOrEmpty(q) || o.Code.StartsWith(q, StringComparison.Ordinal) || o.Title.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Take(Math.Clamp(request.Limit, 1, 2000))
                .Select(o => LabourFigures.ToDto(o, potentials.GetValueOrDefault(o.Code))).ToList();
        }
    }
}
