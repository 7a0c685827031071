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

internal sealed record ForecastImpact(IReadOnlyList<StepImpactInput> Steps) : IRequest<IReadOnlyList<OccupationImpact>>, IValidated
{
    public IEnumerable<InputProblem> Validate()
    {
        foreach (var (s, i) in Steps.Select((s, i) => (s, i)))
        {
            if (s.Occupation is not null && !LabourFigures.Catalog.IsOccupation(s.Occupation))
            {
                yield return new InputProblem($"steps[{i}].occupation", Texte.Format(Texte.KeinKldbCode, s.Occupation));
            }
            if (s.CasesPerYear < 0 || !double.IsFinite(s.CasesPerYear)) yield return new InputProblem($"steps[{i}].casesPerYear", Texte.FallzahlNegativ);
            if (!double.IsFinite(s.MinutesSavedPerCase)) yield return new InputProblem($"steps[{i}].minutesSavedPerCase", Texte.MinutenFehlen);
        }
    }

    internal sealed class Handler : IRequestHandler<ForecastImpact, IReadOnlyList<OccupationImpact>>
    {
        public ValueTask<IReadOnlyList<OccupationImpact>> Handle(ForecastImpact request, CancellationToken cancellationToken)
        {
            // Whatever the caller sends, figures from a scenario are forecasts.
            var steps = request.Steps.Select(s => s with { Basis = ImpactBasis.Forecast, Roles = s.Roles ?? [] });
            return ValueTask.FromResult(ImpactCalculator.ByOccupation(steps, LabourFigures.Catalog));
        }
    }
}
