using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Model;
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

    /// <summary>All stored forecasts, newest first, with process and step names as they are today (see <see cref="WithTodaysNames"/>).</summary>
    public static async Task<IReadOnlyList<SimulationForecast>> ListAsync(AutomationDbContext db, DefinitionCatalog definitions, CancellationToken ct)
    {
        var rows = await db.SimulationForecasts.AsNoTracking().OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.DefinitionId).Distinct().ToList();
        var names = await db.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Name != null).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var today = new Dictionary<string, ProcessDefinition?>(StringComparer.Ordinal);
        foreach (var processId in rows.SelectMany(r => StepsOf(r).Select(s => s.ProcessId).Prepend(r.ProcessId)).Distinct())
        {
            today[processId] = (await definitions.GetLatestPublishedAsync(processId, ct))?.Process;
        }
        return [.. rows.Select(r => WithTodaysNames(ToForecast(r, names.GetValueOrDefault(r.DefinitionId)), today))];
    }

    /// <summary>
    /// The one place a stored forecast gets its readers' names. Rows stored before names were kept hold ids only; each
    /// process and step is shown by its name in today's latest published version of the process, else by the name stored
    /// with the row, else by its id. The stored row is not rewritten.
    /// </summary>
    /// <param name="forecast">The forecast as stored.</param>
    /// <param name="today">Latest published version per process id (null: none published).</param>
    public static SimulationForecast WithTodaysNames(SimulationForecast forecast, IReadOnlyDictionary<string, ProcessDefinition?> today)
    {
        ProcessDefinition? Today(string processId) => today.GetValueOrDefault(processId);
        static string? Named(string? name) => string.IsNullOrWhiteSpace(name) ? null : name;
        return forecast with
        {
            ProcessName = Named(Today(forecast.ProcessId)?.Name) ?? forecast.ProcessName,
            Steps = [.. forecast.Steps.Select(s => s with
            {
                ProcessName = Named(Today(s.ProcessId)?.Name) ?? Named(s.ProcessName),
                // A label stored as the step's id is no name.
                NodeName = Named(Today(s.ProcessId)?.FindNode(s.NodeId)?.Name) ?? (s.NodeName == s.NodeId ? null : Named(s.NodeName)),
            })],
        };
    }

    private static List<StepImpactInput> StepsOf(SimulationForecastRecord r) => JsonSerializer.Deserialize<List<StepImpactInput>>(r.StepsJson, Json) ?? [];

    /// <summary>The row as the Workforce type; every step is a forecast whatever was stored.</summary>
    /// <param name="r">The stored row.</param>
    /// <param name="processName">Name of the simulated version's process, when it has one.</param>
    public static SimulationForecast ToForecast(SimulationForecastRecord r, string? processName = null) => new(r.Id, r.ProcessId, r.DefinitionId, r.DefinitionVersion, r.Scenario,
        r.StudyName, r.Seed, r.Cases, r.Replications, r.CasesPerYear, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.CreatedBy,
        [.. StepsOf(r).Select(s => s with { Basis = ImpactBasis.Forecast })], processName);
}
