using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Simulation;
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
internal sealed record StoreForecast(RunSimulation Run, string? Scenario, string User) : IRequest<SimulationForecast>;

/// <summary>Stored forecasts, newest first.</summary>
internal sealed record ListForecasts : IRequest<IReadOnlyList<SimulationForecast>>;

/// <summary>Deletes a stored forecast.</summary>
/// <param name="Id">Row id.</param>
internal sealed record DeleteForecast(long Id) : IRequest<SimulationForecast>;

/// <summary>Derives forecast steps from a simulation result.</summary>
internal static class ForecastDerivation
{
    /// <summary>
    /// The steps <paramref name="variant"/> automated, made AI-assisted or removed that had human work in the
    /// baseline: minutes saved per completed case (baseline − scenario, mean over replications), cases per year of
    /// the scenario's arrival rate over the calendar's working days, occupation and roles of the baseline step.
    /// </summary>
    public static IReadOnlyList<StepImpactInput> Steps(SimulationReport report, VariantResult variant, int definitionVersion) =>
        [.. variant.StepSavings.Select(s => new StepImpactInput(report.ProcessId, s.StepId, s.Label, s.Occupation, s.Roles,
            s.MinutesSavedPerCase.Mean, report.CasesPerYear, ImpactBasis.Forecast,
            string.Create(CultureInfo.InvariantCulture, $"Simulation „{variant.Name}“, {report.ProcessId} v{definitionVersion}, Seed {report.Seed}, {report.Cases} × {report.Replications}")))];
}

internal sealed class ForecastHandlers(WorkflowHostAccessor accessor, IMediator mediator, IAuditLog audit, TimeProvider clock) :
    IRequestHandler<StoreForecast, SimulationForecast>,
    IRequestHandler<ListForecasts, IReadOnlyList<SimulationForecast>>,
    IRequestHandler<DeleteForecast, SimulationForecast>
{
    /// <summary>Longest scenario or study name stored (the column width).</summary>
    private const int MaxName = 300;

    public async ValueTask<SimulationForecast> Handle(StoreForecast request, CancellationToken cancellationToken)
    {
        var scenarios = request.Run.Scenario.Scenarios ?? [];
        if (scenarios.Count == 0) throw new BadInputException("scenarios", "Die Szenariodatei enthält kein Szenario; eine Prognose braucht ein Szenario mit Änderungen.");
        var report = await mediator.Send(request.Run, cancellationToken);
        var candidates = report.Variants.Where(v => !v.IsBaseline).ToList();
        VariantResult variant;
        if (string.IsNullOrWhiteSpace(request.Scenario))
        {
            if (candidates.Count != 1)
                throw new BadInputException("scenario", $"Die Datei enthält {candidates.Count} Szenarien; bitte eines wählen: {string.Join(", ", candidates.Select(v => $"„{v.Name}“"))}.");
            variant = candidates[0];
        }
        else
        {
            var name = request.Scenario.Trim();
            var named = candidates.Where(v => string.Equals(v.Name, name, StringComparison.Ordinal)).ToList();
            if (named.Count == 0)
                throw new BadInputException("scenario", $"Kein Szenario „{name}“ in der Datei; vorhanden: {string.Join(", ", candidates.Select(v => $"„{v.Name}“"))}.");
            if (named.Count > 1) throw new BadInputException("scenario", $"{named.Count} Szenarien heißen „{name}“; bitte eindeutige Namen vergeben.");
            variant = named[0];
        }
        if (variant.Name.Length > MaxName) throw new BadInputException("scenario", $"Der Szenarioname ist länger als {MaxName} Zeichen.");
        if (report.Name.Length > MaxName) throw new BadInputException("name", $"Der Name der Szenariodatei ist länger als {MaxName} Zeichen.");
        var stored = await accessor.Host.Definitions.GetAsync(request.Run.DefinitionId, cancellationToken);
        var steps = ForecastDerivation.Steps(report, variant, stored.Version);
        if (steps.Count == 0 || steps.All(s => s.MinutesSavedPerCase == 0))
            throw new BadInputException("scenario", $"Das Szenario „{variant.Name}“ automatisiert, unterstützt oder streicht keinen Schritt mit Personalaufwand; es gibt nichts zu prognostizieren.");
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
        var forecast = ForecastRows.ToForecast(row);
        audit.Add(db, AuditKinds.SimulationForecast, row.Id.ToString(CultureInfo.InvariantCulture), "create", null, forecast);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return forecast;
    }

    public async ValueTask<IReadOnlyList<SimulationForecast>> Handle(ListForecasts request, CancellationToken cancellationToken)
    {
        await using var db = accessor.Host.Database.CreateContext();
        return await ForecastRows.ListAsync(db, cancellationToken);
    }

    public async ValueTask<SimulationForecast> Handle(DeleteForecast request, CancellationToken cancellationToken)
    {
        await using var db = accessor.Host.Database.CreateContext();
        var row = await db.SimulationForecasts.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"Prognose {request.Id} ist unbekannt.");
        var forecast = ForecastRows.ToForecast(row);
        db.SimulationForecasts.Remove(row);
        audit.Add(db, AuditKinds.SimulationForecast, row.Id.ToString(CultureInfo.InvariantCulture), "delete", forecast, null);
        await db.SaveChangesAsync(cancellationToken);
        return forecast;
    }
}

/// <summary>Reads stored forecasts (shared with the labour-market reports).</summary>
internal static class ForecastRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Serialises forecast steps for the steps_json column.</summary>
    public static string Serialize(IReadOnlyList<StepImpactInput> steps) => JsonSerializer.Serialize(steps, Json);

    /// <summary>All stored forecasts, newest first.</summary>
    public static async Task<IReadOnlyList<SimulationForecast>> ListAsync(AutomationDbContext db, CancellationToken ct)
    {
        var rows = await db.SimulationForecasts.AsNoTracking().OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).ToListAsync(ct);
        return [.. rows.Select(ToForecast)];
    }

    /// <summary>The row as the Workforce type; every step is a forecast whatever was stored.</summary>
    public static SimulationForecast ToForecast(SimulationForecastRecord r) => new(r.Id, r.ProcessId, r.DefinitionId, r.DefinitionVersion, r.Scenario,
        r.StudyName, r.Seed, r.Cases, r.Replications, r.CasesPerYear, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.CreatedBy,
        [.. (JsonSerializer.Deserialize<List<StepImpactInput>>(r.StepsJson, Json) ?? []).Select(s => s with { Basis = ImpactBasis.Forecast })]);
}
