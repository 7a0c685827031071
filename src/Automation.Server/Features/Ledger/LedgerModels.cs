using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Ledger;

/// <summary>
/// One group of the ledger after the privacy gate: working time, labour cost and the staff-time carbon components are
/// measured where the gate released the group's cells and standard time where it did not (<c>basis</c>, <c>notes</c>);
/// per-case means are over completed cases. The components' fields (<c>workplaceWh</c>, <c>workplaceG</c>,
/// <c>deviceG</c>, …) come from the one list of components (<see cref="CarbonComponents.All"/>).
/// </summary>
internal sealed record LedgerRowDto(string Key, string? NodeId, string? Label, long Entries, long Cases, long CompletedCases,
    double StandardMinutes, double StaffMinutes, double LabourCostEur, double SciCarbonG, double CitizenTrips, double CitizenKm,
    double? StaffMinutesPerCase, double? LabourCostPerCaseEur, double? SciCarbonPerCaseG, double? BesideCarbonPerCaseG,
    FigureBasis Basis, IReadOnlyList<string> Notes)
{
    /// <summary>The component fields, written into the row's object (a constructor parameter cannot carry extension data).</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Components { get; init; } = [];

    public static LedgerRowDto From(LedgerAggregate a)
    {
        // Means over completed cases only, and only over enough of them to be a mean.
        double? PerCase(double v) => PrivacyGate.ReleasesCaseGroup(a.CompletedCases) ? R(v / a.CompletedCases) : null;
        return new(a.Key, a.NodeId, a.Label, a.Entries, a.Cases, a.CompletedCases, R(a.StandardMinutes), R(a.StaffMinutes), R(a.LabourCostEur),
            R(a.SciCarbonG), R(a.CitizenTrips), R(a.CitizenKm), PerCase(a.StaffMinutes), PerCase(a.LabourCostEur), PerCase(a.SciCarbonG),
            PerCase(a.Carbon.BesideG), a.Basis, a.Notes)
        {
            Components = a.Carbon.Fields(standardBasis: false, R),
            Deliveries = a.Deliveries with { AvoidedPostG = R(a.Deliveries.AvoidedPostG) },
        };
    }

    /// <summary>E-mails sent, letters avoided, PDF pages and the avoided letters' post carbon (beside, never netted).</summary>
    public DeliverySums Deliveries { get; init; } = DeliverySums.Zero;

    /// <summary>Four decimals: cents and hundredths of a gram stay exact, binary noise of the sums goes.</summary>
    internal static double R(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}

/// <summary>The answer of a ledger query.</summary>
internal sealed record LedgerQueryResult(string GroupedBy, LedgerFilter Filter, int MinCases, int MinPeople, IReadOnlyList<LedgerRowDto> Rows);

/// <summary>One case's ledger on the standard basis, with totals.</summary>
internal sealed record CaseLedgerDto(Guid CaseId, IReadOnlyList<CaseLedgerLine> Entries, LedgerRowDto? Totals);

/// <summary>The CSV form of a ledger query: the same rows and fields as the JSON, one line per group.</summary>
internal static class LedgerCsv
{
    /// <summary>The component columns, in the order of <see cref="CarbonComponents.All"/>.</summary>
    private static readonly string[] ComponentFields = [.. ComponentSums.Zero.Fields(standardBasis: false).Keys];

    private static readonly string[] Header =
    [
        "key", "nodeId", "label", "entries", "cases", "completedCases", "standardMinutes", "staffMinutes", "labourCostEur", .. ComponentFields,
        "sciCarbonG", "citizenTrips", "citizenKm", "emailsSent", "lettersAvoided", "pdfPages", "avoidedPostG", "staffMinutesPerCase", "labourCostPerCaseEur", "sciCarbonPerCaseG", "besideCarbonPerCaseG", "basis", "notes",
    ];

    public static string Write(LedgerQueryResult result)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Header).Append("\r\n");
        foreach (var r in result.Rows)
        {
            object?[] cells =
            [
                r.Key, r.NodeId, r.Label, r.Entries, r.Cases, r.CompletedCases, r.StandardMinutes, r.StaffMinutes, r.LabourCostEur,
                .. ComponentFields.Select(f => r.Components[f]), r.SciCarbonG, r.CitizenTrips, r.CitizenKm,
                r.Deliveries.EmailsSent, r.Deliveries.LettersAvoided, r.Deliveries.PdfPages, r.Deliveries.AvoidedPostG,
                r.StaffMinutesPerCase, r.LabourCostPerCaseEur, r.SciCarbonPerCaseG, r.BesideCarbonPerCaseG, r.Basis.ToString(), string.Join(" ", r.Notes),
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvWriter.Field(value.ToString()),
    };
}
