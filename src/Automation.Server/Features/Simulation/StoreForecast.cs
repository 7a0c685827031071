using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Simulation;

/// <summary>Runs a scenario file and stores one of its scenarios as a labour-impact forecast.</summary>
/// <param name="Run">The simulation to run (same seed and cases as the result shown, so the figures are the same).</param>
/// <param name="Scenario">Name of the scenario to take over; null when the file has exactly one.</param>
/// <param name="User">Who stores it.</param>
internal sealed record StoreForecast(RunSimulation Run, string? Scenario, string User) : IRequest<SimulationForecast>
{
    /// <summary>Longest scenario or study name stored (the column width).</summary>
    private const int MaxName = 300;

    internal sealed class Handler(WorkflowHostAccessor accessor, IMediator mediator, IAuditLog audit, TimeProvider clock) : IRequestHandler<StoreForecast, SimulationForecast>
    {
        public async ValueTask<SimulationForecast> Handle(StoreForecast request, CancellationToken cancellationToken)
        {
            var scenarios = request.Run.Scenario.Scenarios ?? [];
            if (scenarios.Count == 0) throw new BadInputException("scenarios", Texte.ServerSzenariodateiEnthaeltSzenarioPrognoseBraucht);
            var report = await mediator.Send(request.Run, cancellationToken);
            var candidates = report.Variants.Where(v => !v.IsBaseline).ToList();
            VariantResult variant;
            if (string.IsNullOrWhiteSpace(request.Scenario))
            {
                if (candidates.Count != 1)
                    throw new BadInputException("scenario", Texte.Format(Texte.ServerSzenarioWaehlen, candidates.Count, Quoted(candidates)));
                variant = candidates[0];
            }
            else
            {
                var name = request.Scenario.Trim();
                var named = candidates.Where(v => string.Equals(v.Name, name, StringComparison.Ordinal)).ToList();
                if (named.Count == 0)
                    throw new BadInputException("scenario", Texte.Format(Texte.ServerSzenarioFehlt, name, Quoted(candidates)));
                if (named.Count > 1) throw new BadInputException("scenario", Texte.Format(Texte.ServerSzenarienHeissenBitteEindeutigeNamen, named.Count, name));
                variant = named[0];
            }
            if (variant.Name.Length > MaxName) throw new BadInputException("scenario", Texte.Format(Texte.ServerSzenarionameLaengerAlsZeichen, MaxName));
            if (report.Name.Length > MaxName) throw new BadInputException("name", Texte.Format(Texte.ServerNameSzenariodateiLaengerAlsZeichen, MaxName));
            var stored = await accessor.Host.Definitions.GetAsync(request.Run.DefinitionId, cancellationToken);
            var steps = ForecastDerivation.Steps(report, variant, stored);
            if (steps.Count == 0 || steps.All(s => s.MinutesSavedPerCase == 0))
                throw new BadInputException("scenario", Texte.Format(Texte.ServerSzenarioAutomatisiertUnterstuetztStreichtKeinen, variant.Name));
            var row = new SimulationForecastRecord
            {
                ProcessId = report.ProcessId,
                DefinitionId = stored.Id,
                DefinitionVersion = stored.Version,
                Scenario = variant.Name,
                StudyName = report.Name,
                ScenarioJson = JsonSerializer.Serialize(request.Run.Scenario, ScenarioFile.JsonOptions),
                Seed = report.Seed,
                Cases = report.Cases,
                Replications = report.Replications,
                UsedHistory = request.Run.UseHistory,
                CasesPerYear = report.CasesPerYear,
                StepsJson = ForecastRows.Serialize(steps),
                CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
                CreatedBy = request.User,
            };
            await using var db = accessor.Host.Database.CreateContext();
            // The audit row names the new id: insert first, then the audit row, both in one transaction.
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SimulationForecasts.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            var forecast = ForecastRows.ToForecast(row, stored.Process.Name);
            audit.Add(db, AuditKinds.SimulationForecast, row.Id.ToString(CultureInfo.InvariantCulture), "create", null, forecast);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return forecast;
        }

        // The scenario names as the texts list them: „A“, „B“.
        private static string Quoted(IEnumerable<VariantResult> variants) => string.Join(", ", variants.Select(v => "„" + v.Name + "“"));
    }
}
