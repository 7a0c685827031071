using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Engine.Accounting;

namespace Automation.Tests.Shared;

/// <summary>A generated case with its step history and ledger rows, as the host would have stored them.</summary>
internal sealed record SampleCase(CaseRecord Case, IReadOnlyList<StepRecord> Steps, IReadOnlyList<LedgerEntryRecord> Ledger);

/// <summary>
/// Deterministic ledger data for dashboard tests and the dashboard benchmark: cases of the Wohngeld process
/// (node ids of workflows/wohngeldantrag.bpmn) in two definition versions. Version 1 is manual; version 2 automates the
/// completeness check and has the calculation AI-assisted. One case in ten has documents requested and waits
/// 20–40 days for them (variable <c>nachforderung</c>), which makes those cases the lead-time outliers.
/// "Zahlung anweisen" is automated in both versions, so it has no manual baseline and adds carbon without saving any.
/// </summary>
internal static class LedgerSample
{
    public const string ProcessId = "wohngeldantrag";
    public const double WorkplaceGPerMinute = 1.2;
    public const double DeviceGPerMinute = 0.6;
    public const double EurPerMinute = 1.1;
    public const int Clerks = 8;

    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;
    private const long Day = 24 * Hour;

    private static readonly string Factors = string.Join(',', FactorSet.Default.Versions.Take(4).Select(v => v.Id));

    /// <summary>Cases spread evenly over <paramref name="days"/> days from <paramref name="from"/> (Europe/Berlin); the first half on version 1.</summary>
    /// <param name="rework">Extra income checks per case (the benchmark uses them to reach about 20 ledger rows per case).</param>
    public static IEnumerable<SampleCase> Generate(int cases, DateOnly from, int days, int seed = 1, long v1Id = 1001, long v2Id = 1002, int rework = 0)
    {
        var random = new Random(seed);
        var origin = ReportPeriod.StartOfDayMs(from);
        for (var i = 0; i < cases; i++)
        {
            var version = i < cases / 2 ? 1 : 2;
            var id = new Guid(i, 0x5a5a, 0x1234, [1, 2, 3, 4, 5, 6, 7, (byte)(seed & 0xff)]).ToString();
            var nachforderung = random.NextDouble() < 0.1;
            var eilantrag = random.NextDouble() < 0.3;
            var start = origin + (long)((double)i / cases * days * Day) + random.NextInt64(0, 8 * Hour);
            var steps = new List<StepRecord>();
            var ledger = new List<LedgerEntryRecord>();
            var t = start;

            void Step(string node, string name, string kind, string actor, long duration, double staff = 0, double compute = 0, double ai = 0,
                double embodied = 0, double paper = 0, double post = 0)
            {
                var s = new StepRecord
                {
                    CaseId = id, Sequence = steps.Count, ProcessId = ProcessId, NodeId = node, NodeName = name, Kind = kind, Actor = actor,
                    StartedAt = t, EndedAt = t + duration, Outcome = "Completed",
                };
                steps.Add(s);
                t += duration;
                if (!kind.EndsWith("Task", StringComparison.Ordinal)) return;
                ledger.Add(new LedgerEntryRecord
                {
                    CaseId = id, Sequence = s.Sequence, ProcessId = ProcessId, DefinitionId = version == 1 ? v1Id : v2Id,
                    DefinitionVersion = ProcessId + "@" + version.ToString(CultureInfo.InvariantCulture), NodeId = node, NodeName = name, Actor = actor,
                    Outcome = "Completed", StartedAt = s.StartedAt, EndedAt = s.EndedAt, Authority = "Kommune", FactorSet = "de-2025", Factors = Factors,
                    Occupation = staff > 0 ? "73302" : null, PayLevel = staff > 0 ? "E9a" : null, StandardMinutes = staff, StaffMinutes = staff,
                    StaffMinutesBasis = staff > 0 ? "Measured" : "None", LabourCostEur = staff * EurPerMinute, CpuSeconds = compute > 0 ? 2 : 0,
                    Inferences = ai > 0 ? 1 : 0, WorkplaceWh = staff * 3, WorkplaceG = staff * WorkplaceGPerMinute, DeviceG = staff * DeviceGPerMinute, ComputeG = compute, AiG = ai,
                    PaperG = paper, PostG = post, EmbodiedG = embodied,
                    // Eight clerks share the human steps, so every month's cells pass the privacy gate's five people.
                    WorkerKey = staff > 0 ? "clerk-" + ((i * 7 + s.Sequence * 3) % Clerks).ToString(CultureInfo.InvariantCulture) : null,
                });
            }

            Step("Start_Antrag", "Antrag eingegangen", "StartEvent", "System", 0);
            Step("Task_EingangBestaetigen", "Antragseingang bestätigen", "UserTask", "Human", Day + random.NextInt64(0, 2 * Day), staff: 8 + random.Next(5));
            if (version == 1) Step("Task_VollstaendigkeitPruefen", "Vollständigkeit prüfen", "UserTask", "Human", Day + random.NextInt64(0, Day), staff: 18 + random.Next(5));
            else Step("Task_VollstaendigkeitPruefen", "Vollständigkeit prüfen", "ServiceTask", "Automated", 2000, compute: 0.05, embodied: 0.02);
            if (nachforderung)
            {
                Step("Task_UnterlagenNachfordern", "Unterlagen nachfordern", "UserTask", "Human", Hour, staff: 15, paper: 5, post: 20);
                Step("Event_UnterlagenEingegangen", "Unterlagen eingegangen", "IntermediateCatchEvent", "System", 20 * Day + random.NextInt64(0, 20 * Day));
            }
            for (var r = 0; r < rework; r++) Step("Task_EinkommenPruefen", "Einkommen prüfen", "UserTask", "Human", Hour, staff: 5);
            if (version == 1) Step("Task_WohngeldBerechnen", "Wohngeld berechnen", "UserTask", "Human", Day, staff: 40 + random.Next(10));
            else Step("Task_WohngeldBerechnen", "Wohngeld berechnen", "UserTask", "AiAssisted", 4 * Hour, staff: 10 + random.Next(4), compute: 0.1, ai: 2.0, embodied: 0.05);
            Step("Task_BescheidErstellen", "Bescheid erstellen", "UserTask", "Human", 2 * Day + random.NextInt64(0, 3 * Day), staff: 30, paper: 5, post: 20);
            Step("Task_ZahlungAnweisen", "Zahlung anweisen", "ServiceTask", "Automated", 1000, compute: 0.05, embodied: 0.02);
            // The newest cases are still open: they count as started, not completed.
            var open = i >= cases - Math.Max(1, cases / 50);
            if (open)
            {
                steps.RemoveAt(steps.Count - 1);
                ledger.RemoveAt(ledger.Count - 1);
            }
            else Step("End_Angewiesen", "Zahlung angewiesen", "EndEvent", "System", 0);
            var end = steps[^1].EndedAt;
            var variables = new Dictionary<string, object> { ["nachforderung"] = nachforderung, ["eilantrag"] = eilantrag, ["haushaltsgroesse"] = 1 + (i % 4) };
            var c = new CaseRecord
            {
                Id = id, DefinitionId = version == 1 ? v1Id : v2Id, ProcessId = ProcessId,
                BusinessKey = "WG-" + i.ToString(CultureInfo.InvariantCulture), Status = open ? "Running" : "Completed",
                State = JsonSerializer.Serialize(new { Variables = variables }), Revision = 1, StartedAt = start, UpdatedAt = end,
                EndedAt = open ? null : end,
            };
            yield return new SampleCase(c, steps, ledger);
        }
    }

    /// <summary>Writes cases in transactions of <paramref name="batch"/> cases with prepared statements.</summary>
    public static async Task WriteAsync(AutomationDatabase database, IEnumerable<SampleCase> cases, int batch = 2000)
    {
        await using var connection = await database.OpenAsync();
        var caseInsert = Prepare(connection, "cases", ["id", "definition_id", "process_id", "business_key", "status", "state", "revision", "started_at", "updated_at", "ended_at"]);
        // Steps with their ledger figures, as the host stores them (NULL figures for unpriced steps).
        var stepInsert = Prepare(connection, "steps", ["case_id", "sequence", "process_id", "node_id", "node_name", "kind", "actor", "started_at", "ended_at",
            "outcome", "detail", "definition_id", "definition_version", "authority", "factor_set", "factors", "occupation", "pay_level", "standard_minutes",
            "staff_minutes", "staff_minutes_basis", "labour_cost_eur", "cpu_seconds", "inferences", "workplace_wh", "workplace_g", "device_g", "compute_wh", "compute_g",
            "ai_wh", "ai_g", "paper_g", "post_g", "embodied_g", "citizen_trips", "citizen_km", "citizen_g", "citizen_minutes", "worker_key"]);
        DbTransaction? tx = null;
        var inBatch = 0;
        foreach (var sample in cases)
        {
            if (tx is null)
            {
                tx = await connection.BeginTransactionAsync();
                caseInsert.Transaction = stepInsert.Transaction = tx;
            }
            var c = sample.Case;
            await Exec(caseInsert, c.Id, c.DefinitionId, c.ProcessId, c.BusinessKey, c.Status, c.State, c.Revision, c.StartedAt, c.UpdatedAt, c.EndedAt);
            var priced = sample.Ledger.ToDictionary(e => e.Sequence);
            foreach (var s in sample.Steps)
            {
                var e = priced.GetValueOrDefault(s.Sequence);
                await Exec(stepInsert, s.CaseId, s.Sequence, s.ProcessId, s.NodeId, s.NodeName, s.Kind, s.Actor, s.StartedAt, s.EndedAt, s.Outcome, s.Detail,
                    e?.DefinitionId, e?.DefinitionVersion, e?.Authority, e?.FactorSet, e?.Factors, e?.Occupation, e?.PayLevel, e?.StandardMinutes,
                    e?.StaffMinutes, e?.StaffMinutesBasis, e?.LabourCostEur, e?.CpuSeconds, e?.Inferences, e?.WorkplaceWh, e?.WorkplaceG, e?.DeviceG, e?.ComputeWh,
                    e?.ComputeG, e?.AiWh, e?.AiG, e?.PaperG, e?.PostG, e?.EmbodiedG, e?.CitizenTrips, e?.CitizenKm, e?.CitizenG, e?.CitizenMinutes, e?.WorkerKey);
            }
            if (++inBatch == batch)
            {
                await tx.CommitAsync();
                await tx.DisposeAsync();
                tx = null;
                inBatch = 0;
            }
        }
        if (tx is not null)
        {
            await tx.CommitAsync();
            await tx.DisposeAsync();
        }
    }

    private static DbCommand Prepare(DbConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task Exec(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }
}
