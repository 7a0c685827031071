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

/// <summary>Derives forecast steps from a simulation result.</summary>
internal static class ForecastDerivation
{
    /// <summary>
    /// The steps <paramref name="variant"/> automated, made AI-assisted or removed that had human work in the
    /// baseline: minutes saved per completed case (baseline − scenario, mean over replications), cases per year of
    /// the scenario's arrival rate over the calendar's working days, occupation and roles of the baseline step.
    /// </summary>
    public static IReadOnlyList<StepImpactInput> Steps(SimulationReport report, VariantResult variant, StoredDefinition definition) =>
        [.. variant.StepSavings.Select(s => new StepImpactInput(report.ProcessId, s.StepId, s.Label, s.Occupation, s.Roles,
            s.MinutesSavedPerCase.Mean, report.CasesPerYear, ImpactBasis.Forecast,
            string.Create(CultureInfo.InvariantCulture, $"Simulation „{variant.Name}“, {definition.Process.Label} v{definition.Version}, Seed {report.Seed}, {report.Cases} × {report.Replications}"),
            definition.Process.Label))];
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
        var ids = rows.Select(r => r.DefinitionId).Distinct().ToList();
        var names = await db.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Name != null).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. rows.Select(r => ToForecast(r, names.GetValueOrDefault(r.DefinitionId)))];
    }

    /// <summary>The row as the Workforce type; every step is a forecast whatever was stored.</summary>
    /// <param name="r">The stored row.</param>
    /// <param name="processName">Name of the simulated version's process, when it has one.</param>
    public static SimulationForecast ToForecast(SimulationForecastRecord r, string? processName = null) => new(r.Id, r.ProcessId, r.DefinitionId, r.DefinitionVersion, r.Scenario,
        r.StudyName, r.Seed, r.Cases, r.Replications, r.CasesPerYear, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.CreatedBy,
        [.. (JsonSerializer.Deserialize<List<StepImpactInput>>(r.StepsJson, Json) ?? []).Select(s => s with { Basis = ImpactBasis.Forecast })], processName);
}
