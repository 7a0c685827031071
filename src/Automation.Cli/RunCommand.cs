using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary><c>automation run &lt;file&gt;</c>: one case in memory on a virtual clock.</summary>
internal static class RunCommand
{
    /// <summary>The virtual clock starts on a fixed Monday morning so runs are reproducible.</summary>
    private static readonly DateTimeOffset ClockStart = new(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);

    public static int Run(RunArguments args, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(args.File))
        {
            stderr.WriteLine($"{args.File}: {Texte.Schwere("error")} file-not-found: {Texte.CliDateiFehlt}");
            return CommandLine.Failed;
        }
        var (set, diagnostics) = CommandLine.Load(args.File);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) stderr.WriteLine(CommandLine.Finding(d, args.File));
            stderr.WriteLine(Texte.Format(Texte.CliNichtAusgefuehrt, args.File));
            return CommandLine.Failed;
        }
        var process = PickProcess(set, args.ProcessId);
        IReadOnlyList<Diagnostic> pricing = [];
        if (args.Ledger)
        {
            // Refuse before running what the ledger could not price, rather than failing after the case ran.
            pricing = PricingCheck.Check(set.Processes, FactorSet.Default, args.Authority, ClockStart);
            foreach (var d in pricing) stderr.WriteLine(CommandLine.Finding(d, args.File));
            if (pricing.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                stderr.WriteLine(Texte.Format(Texte.CliNichtBewertbar, args.File));
                return CommandLine.Failed;
            }
        }
        var clock = new VirtualClock(ClockStart);
        using var engine = new WorkflowEngine(new EngineOptions
        {
            Clock = clock,
            ResolveProcess = set.FindProcess,
            UnknownActions = UnknownActionPolicy.Skip,
        });
        var run = AutoRunner.Run(engine, clock, process, args.Variables, args.BusinessKey);
        CaseLedger? ledger = null;
        if (args.Ledger)
        {
            try
            {
                var version = DefinitionVersion(args.File);
                var entries = LedgerCalculator.PriceSteps(run.Steps, s => set.FindProcess(s.ProcessId)?.FindNode(s.NodeId), version,
                    FactorSet.Default, args.Authority);
                ledger = new CaseLedger(run.State.CaseId, process.Id, version,
                    run.State.Status is CaseStatus.Completed or CaseStatus.Terminated, entries);
            }
            catch (AccountingException e)
            {
                stderr.WriteLine(Texte.Format(Texte.CliVerbuchenFehler, args.File, e.Message));
                return CommandLine.Failed;
            }
        }
        if (args.Json) WriteJson(stdout, args.File, process, run, ledger is null ? null : (ledger, args.Authority, pricing));
        else
        {
            WriteTrail(stdout, stderr, process, run);
            if (ledger is not null) LedgerOutput.WriteText(stderr, ledger, args.Authority);
        }
        return run.State.IsEnded ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>
    /// A file run from disk has no published version number; the first 12 hex digits of its SHA-256 name the
    /// exact definition text, so two ledgers of the same file compare and an edited file does not pass for the same.
    /// </summary>
    private static string DefinitionVersion(string file) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))[..12];

    private static ProcessDefinition PickProcess(DefinitionSet set, string? id)
    {
        if (id is not null)
        {
            return set.FindProcess(id) ?? throw new UsageException(
                Texte.Format(Texte.CliProzessUnbekannt, id, set.FileName, string.Join(", ", set.Processes.Select(p => p.Id))));
        }
        // The main process is one nobody calls; called processes run as part of it.
        var calledIds = set.Processes.SelectMany(p => p.Nodes).Where(n => n.CalledProcessId is not null).Select(n => n.CalledProcessId!).ToHashSet();
        return set.Processes.FirstOrDefault(p => !calledIds.Contains(p.Id) && p.StartEventsIn(null).Any()) ?? set.Processes[0];
    }

    private static void WriteTrail(TextWriter stdout, TextWriter stderr, ProcessDefinition process, AutoRunResult run)
    {
        foreach (var line in run.Output) stdout.WriteLine(line);
        stderr.WriteLine(Texte.Format(Texte.CliVorgangKopf, run.State.CaseId, process.Label, process.Id));
        var actions = new Queue<RunnerAction>(run.Actions);
        foreach (var s in run.Steps)
        {
            while (actions.Count > 0 && actions.Peek().AfterStep < s.Sequence) stderr.WriteLine(Texte.Format(Texte.CliLaeufer, actions.Dequeue().Text));
            var outcome = s.Outcome == StepOutcome.Completed ? "" : $" [{Texte.Get("Schrittergebnis_" + s.Outcome)}]";
            var detail = s.Detail is null ? "" : $"  {s.Detail}";
            stderr.WriteLine(string.Create(Texte.Kultur,
                $"{s.Sequence,4} {s.End:dd.MM.yyyy HH:mm} {Texte.Elementart(s.Kind),-22} {Texte.Akteur(s.Actor),-11} {s.NodeName ?? s.NodeId}{outcome}{detail}"));
        }
        foreach (var a in actions) stderr.WriteLine(Texte.Format(Texte.CliLaeufer, a.Text));
        stderr.WriteLine(Texte.Format(Texte.CliStand, Texte.Get("Vorgangsstand_" + run.State.Status)) + (run.StopReason is null ? "" : $" ({run.StopReason})"));
    }

    private static void WriteJson(TextWriter stdout, string file, ProcessDefinition process, AutoRunResult run,
        (CaseLedger Ledger, AuthorityType Authority, IReadOnlyList<Diagnostic> Warnings)? ledger)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("process", process.Id);
            w.WriteString("caseId", run.State.CaseId);
            w.WriteString("status", run.State.Status.ToString());
            if (run.StopReason is not null) w.WriteString("stopReason", run.StopReason);
            w.WriteStartArray("steps");
            foreach (var s in run.Steps)
            {
                w.WriteStartObject();
                w.WriteNumber("sequence", s.Sequence);
                w.WriteString("processId", s.ProcessId);
                w.WriteString("nodeId", s.NodeId);
                if (s.NodeName is not null) w.WriteString("name", s.NodeName);
                w.WriteString("kind", s.Kind.ToString());
                w.WriteString("actor", s.Actor.ToString());
                w.WriteString("start", s.Start);
                w.WriteString("end", s.End);
                w.WriteString("outcome", s.Outcome.ToString());
                if (s.Detail is not null) w.WriteString("detail", s.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("output");
            foreach (var line in run.Output) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteStartArray("runnerActions");
            foreach (var a in run.Actions)
            {
                w.WriteStartObject();
                w.WriteNumber("afterStep", a.AfterStep);
                w.WriteString("text", a.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("variables");
            Variables.WriteJson(w, run.State.Variables);
            if (ledger is var (caseLedger, authority, warnings)) LedgerOutput.WriteJson(w, caseLedger, authority, warnings);
            w.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
