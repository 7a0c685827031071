using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Texts;
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

internal sealed record GetImpact(string? ProcessId, int? From, int? To, double? CasesPerYear) : IRequest<ImpactResponse>, IValidated
{
    public IEnumerable<InputProblem> Validate()
    {
        if (CasesPerYear is < 0) yield return new InputProblem("casesPerYear", Texte.FallzahlNegativ);
    }

    internal sealed class Handler(LabourStore store, TimeProvider clock, LabourFigures figures) : IRequestHandler<GetImpact, ImpactResponse>
    {
        public async ValueTask<ImpactResponse> Handle(GetImpact request, CancellationToken cancellationToken)
        {
            // Today in Europe/Berlin, as the ledger's periods count days: after 23:00 UTC a step of today is already tomorrow there.
            var to = Dashboards.PeriodInput.Today(clock);
            var comparisons = await figures.SectionsAsync(request.ProcessId, request.From, request.To, request.CasesPerYear, to.AddYears(-1).AddDays(1), to, cancellationToken);
            var forecasts = (await store.ForecastsAsync(cancellationToken)).Where(f => request.ProcessId is null || f.ProcessId == request.ProcessId)
                .Select(f => new ForecastImpactDto(SimulationForecast.Label, f.Description, f, f.ByOccupation(LabourFigures.Catalog))).ToList();
            return new ImpactResponse(comparisons, ImpactCalculator.ByOccupation(comparisons.SelectMany(c => c.Comparison?.Automated.Select(s => s.Impact) ?? []), LabourFigures.Catalog),
                ImpactCalculator.FteSource, forecasts);
        }
    }
}
