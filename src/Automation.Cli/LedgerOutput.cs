using System.Globalization;
using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary>
/// Prints a case's ledger for <c>automation run --ledger</c>. Presentation rounding: € to the cent, minutes to
/// 0.01 min; in JSON Wh and gCO2e to six decimals so the micro-figures of automated steps stay visible, in text to
/// 0.01 g. Totals are summed unrounded (<see cref="LedgerRounding"/>).
/// </summary>
internal static class LedgerOutput
{
    public static void WriteJson(Utf8JsonWriter w, CaseLedger ledger, AuthorityType authority, IReadOnlyList<Diagnostic> warnings)
    {
        w.WriteString("factorSet", FactorSet.Default.Name);
        w.WriteString("authority", authority.ToString());
        w.WriteString("definitionVersion", ledger.DefinitionVersion);
        w.WriteStartArray("ledgerWarnings");
        foreach (var d in warnings) w.WriteStringValue(d.ToString());
        w.WriteEndArray();
        w.WriteStartArray("ledger");
        foreach (var e in ledger.Entries) WriteEntry(w, e);
        w.WriteEndArray();
        WriteTotals(w, ledger);
    }

    private static void WriteEntry(Utf8JsonWriter w, LedgerEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("processId", e.ProcessId);
        w.WriteString("definitionVersion", e.DefinitionVersion);
        w.WriteString("nodeId", e.NodeId);
        if (e.NodeName is not null) w.WriteString("name", e.NodeName);
        w.WriteString("kind", e.Kind.ToString());
        w.WriteString("actor", e.Actor.ToString());
        w.WriteString("outcome", e.Outcome.ToString());
        w.WriteString("start", e.Start);
        w.WriteString("end", e.End);
        w.WriteNumber("standardMinutes", LedgerRounding.Hundredths(e.StandardMinutes));
        if (e.StandardSource is not null) w.WriteString("standardSource", e.StandardSource);
        w.WriteNumber("staffMinutes", LedgerRounding.Hundredths(e.StaffMinutes));
        w.WriteString("staffMinutesBasis", Basis(e.StaffMinutesBasis));
        if (e.Occupation is not null) w.WriteString("occupation", e.Occupation);
        if (e.PayLevel is { } payLevel) w.WriteString("payLevel", PayLevelName(payLevel));
        w.WriteNumber("labourCostEur", LedgerRounding.Euros(e.LabourCostEur));
        w.WriteNumber("cpuSeconds", e.CpuSeconds);
        w.WriteString("cpuSecondsBasis", Basis(e.CpuSecondsBasis));
        w.WriteNumber("inferences", e.Inferences);
        w.WriteString("inferencesBasis", Basis(e.InferencesBasis));
        WriteComponents(w, e.Carbon);
        w.WriteNumber("sciCarbonG", LedgerRounding.Fine(e.Carbon.SciG));
        w.WriteNumber("besideCarbonG", LedgerRounding.Fine(e.Carbon.BesideG));
        WriteTrips(w, e.CitizenTrips);
        w.WriteStartArray("notes");
        foreach (var note in e.Notes) w.WriteStringValue(note);
        w.WriteEndArray();
        w.WriteStartArray("factors");
        foreach (var f in e.Factors)
        {
            w.WriteStartObject();
            w.WriteString("key", f.Key);
            w.WriteNumber("version", f.Version);
            w.WriteNumber("value", f.Value);
            w.WriteString("unit", f.Unit);
            w.WriteString("source", f.Source);
            w.WriteNumber("year", f.Year);
            w.WriteString("status", f.StatusText);
            w.WriteString("validFrom", f.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (f.ValidTo is { } to) w.WriteString("validTo", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            else w.WriteNull("validTo");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, CaseLedger ledger)
    {
        var t = ledger.Totals;
        w.WriteStartObject("totals");
        w.WriteNumber("entries", t.Entries);
        w.WriteNumber("staffMinutes", LedgerRounding.Hundredths(t.StaffMinutes));
        w.WriteNumber("standardMinutes", LedgerRounding.Hundredths(t.StandardMinutes));
        w.WriteNumber("labourCostEur", LedgerRounding.Euros(t.LabourCostEur));
        WriteComponents(w, t.Carbon);
        WriteTrips(w, t.CitizenTrips);
        if (ledger.Sci is { } sci)
        {
            w.WriteStartObject("sci");
            w.WriteNumber("gCO2ePerCase", LedgerRounding.Hundredths(sci.ScoreG));
            w.WriteNumber("energyWh", LedgerRounding.Fine(sci.EnergyWh));
            w.WriteNumber("operationalG", LedgerRounding.Fine(sci.OperationalG));
            w.WriteNumber("embodiedG", LedgerRounding.Fine(sci.EmbodiedG));
            w.WriteNumber("besideG", LedgerRounding.Fine(sci.BesideG));
            w.WriteNumber("outsideG", LedgerRounding.Fine(sci.OutsideG));
            w.WriteString("method", sci.Boundary.Method);
            w.WriteString("functionalUnit", sci.Boundary.FunctionalUnit);
            w.WriteStartObject("boundary");
            WriteBoundary(w, "inside", sci.Boundary.Inside);
            WriteBoundary(w, "beside", sci.Boundary.Beside);
            WriteBoundary(w, "outside", sci.Boundary.Outside);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("sci");
            w.WriteString("sciNote", "the case did not complete; SCI is reported per completed case");
        }
        w.WriteEndObject();
    }

    private static void WriteBoundary(Utf8JsonWriter w, string name, IReadOnlyList<BoundaryItem> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("component", item.Component);
            w.WriteString("placement", item.Placement);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The authority's components; citizens' trips follow apart with their kilometres (<see cref="WriteTrips"/>).</summary>
    private static void WriteComponents(Utf8JsonWriter w, ComponentFigures figures)
    {
        w.WriteStartObject("components");
        foreach (var component in CarbonComponents.Inventory)
        {
            var figure = figures[component];
            w.WriteStartObject(component.Key);
            if (figure.EnergyWh is { } wh) w.WriteNumber("energyWh", LedgerRounding.Fine(wh));
            w.WriteNumber("carbonG", LedgerRounding.Fine(figure.CarbonG));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteTrips(Utf8JsonWriter w, CitizenTripFigure trips)
    {
        w.WriteStartObject("citizenTrips");
        w.WriteNumber("trips", trips.Trips);
        w.WriteNumber("km", trips.Kilometres);
        w.WriteNumber("carbonG", LedgerRounding.Fine(trips.CarbonG));
        w.WriteNumber("citizenMinutes", LedgerRounding.Hundredths(trips.CitizenMinutes));
        w.WriteEndObject();
    }

    public static void WriteText(TextWriter stderr, CaseLedger ledger, AuthorityType authority)
    {
        stderr.WriteLine(Texte.Format(Texte.CliVerbuchenKopf, FactorSet.Default.Name, authority, ledger.DefinitionVersion));
        foreach (var e in ledger.Entries)
        {
            stderr.WriteLine(Texte.Format(Texte.CliVerbuchenZeile, e.Sequence, e.NodeName ?? e.NodeId, LedgerRounding.Hundredths(e.StaffMinutes),
                Texte.Get("Grundlage_" + Basis(e.StaffMinutesBasis)), LedgerRounding.Euros(e.LabourCostEur), LedgerRounding.Hundredths(e.Carbon.SciG),
                LedgerRounding.Hundredths(e.Carbon.BesideG)));
        }
        var t = ledger.Totals;
        var grams = string.Join(", ", CarbonComponents.All.Select(c => string.Create(Texte.Kultur,
            $"{c.Key} {LedgerRounding.Hundredths(t.Carbon[c].CarbonG):0.00}{(c.Placement == SciPlacement.Outside ? Texte.CliVerbuchenAusserhalb : "")}")));
        stderr.WriteLine(Texte.Format(Texte.CliVerbuchenSumme, LedgerRounding.Hundredths(t.StaffMinutes), LedgerRounding.Euros(t.LabourCostEur), grams));
        stderr.WriteLine(ledger.Sci is { } sci
            ? Texte.Format(Texte.CliSci, LedgerRounding.Hundredths(sci.ScoreG), Keys(SciPlacement.Inside), Keys(SciPlacement.Beside))
            : Texte.CliSciKeiner);
    }

    private static string Keys(SciPlacement placement) => string.Join(", ", CarbonComponents.In(placement).Select(c => c.Key));

    private static string Basis(QuantityBasis basis) => basis switch
    {
        QuantityBasis.Measured => "measured",
        QuantityBasis.Standard => "standard",
        _ => "none",
    };

    private static string PayLevelName(PayLevel level) => level switch
    {
        PayLevel.EinfacherMittlerer => "mittel",
        PayLevel.Gehoben => "gehoben",
        _ => "hoeher",
    };
}
