using System.Globalization;
using System.Text;
using Automation.Data;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Ledger;

/// <summary>Figures from measured working time of a group that passed the privacy thresholds, with means per case.</summary>
internal sealed record MeasuredDto(double MeasuredMinutes, double StaffMinutes, double LabourCostEur, double WorkplaceWh, double WorkplaceG,
    double SciCarbonG, double StaffMinutesPerCase, double LabourCostPerCaseEur, double SciCarbonPerCaseG);

/// <summary>
/// One group of the ledger. Standard-basis figures and carbon components always; figures from measured working time
/// only when the group covers at least 5 cases and 5 people, else <c>measured</c> is null and <c>suppressed</c> says why.
/// </summary>
internal sealed record LedgerRowDto(string Key, string? NodeId, string? Label, long Entries, long Cases, long MeasuredEntries,
    double StandardMinutes, double LabourCostStandardEur, double WorkplaceStandardWh, double WorkplaceStandardG, double ComputeWh, double ComputeG,
    double AiWh, double AiG, double EmbodiedG, double SciCarbonStandardG, double PaperG, double PostG, double CitizenTrips, double CitizenKm,
    double CitizenG, double StandardMinutesPerCase, double LabourCostStandardPerCaseEur, double SciCarbonStandardPerCaseG, double BesideCarbonPerCaseG,
    MeasuredDto? Measured, string? Suppressed)
{
    public static LedgerRowDto From(LedgerAggregate a)
    {
        double PerCase(double v) => R(a.Cases == 0 ? 0 : v / a.Cases);
        var m = a.Measured;
        return new(a.Key, a.NodeId, a.Label, a.Entries, a.Cases, a.MeasuredEntries, R(a.StandardMinutes), R(a.LabourCostStandardEur),
            R(a.WorkplaceStandardWh), R(a.WorkplaceStandardG), R(a.ComputeWh), R(a.ComputeG), R(a.AiWh), R(a.AiG), R(a.EmbodiedG),
            R(a.SciCarbonStandardG), R(a.PaperG), R(a.PostG), R(a.CitizenTrips), R(a.CitizenKm), R(a.CitizenG), PerCase(a.StandardMinutes),
            PerCase(a.LabourCostStandardEur), PerCase(a.SciCarbonStandardG), PerCase(a.PaperG + a.PostG),
            m is null ? null : new MeasuredDto(R(m.MeasuredMinutes), R(m.StaffMinutes), R(m.LabourCostEur), R(m.WorkplaceWh), R(m.WorkplaceG),
                R(m.SciCarbonG), PerCase(m.StaffMinutes), PerCase(m.LabourCostEur), PerCase(m.SciCarbonG)),
            a.Suppressed);
    }

    /// <summary>Four decimals: cents and hundredths of a gram stay exact, binary noise of the sums goes.</summary>
    internal static double R(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}

/// <summary>The answer of a ledger query.</summary>
internal sealed record LedgerQueryResult(string GroupedBy, LedgerFilter Filter, int MinCases, int MinPeople, IReadOnlyList<LedgerRowDto> Rows);

/// <summary>One case's ledger on the standard basis, with totals.</summary>
internal sealed record CaseLedgerDto(Guid CaseId, IReadOnlyList<CaseLedgerLine> Entries, LedgerRowDto? Totals);

/// <summary>Aggregates the ledger.</summary>
internal sealed record QueryLedger(LedgerGrouping Grouping, LedgerFilter Filter) : IRequest<LedgerQueryResult>;

/// <summary>One case's ledger.</summary>
internal sealed record GetCaseLedger(Guid CaseId) : IRequest<CaseLedgerDto>;

internal sealed class LedgerHandlers(WorkflowHostAccessor accessor) :
    IRequestHandler<QueryLedger, LedgerQueryResult>,
    IRequestHandler<GetCaseLedger, CaseLedgerDto>
{
    public async ValueTask<LedgerQueryResult> Handle(QueryLedger request, CancellationToken cancellationToken)
    {
        var rows = await LedgerQueries.AggregateAsync(accessor.Host.Database, request.Grouping, request.Filter, cancellationToken);
        return new LedgerQueryResult(request.Grouping.ToString().ToLowerInvariant(), request.Filter, LedgerPrivacy.MinCases, LedgerPrivacy.MinPeople,
            rows.Select(LedgerRowDto.From).ToList());
    }

    public async ValueTask<CaseLedgerDto> Handle(GetCaseLedger request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        if (await host.GetCaseAsync(request.CaseId, cancellationToken) is null) throw new NotFoundException($"Vorgang {request.CaseId} ist unbekannt.");
        var lines = await LedgerQueries.CaseEntriesAsync(host.Database, request.CaseId, cancellationToken);
        var totals = await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(CaseId: request.CaseId), cancellationToken);
        return new CaseLedgerDto(request.CaseId, lines, totals.Count == 0 ? null : LedgerRowDto.From(totals[0]));
    }
}

/// <summary>The CSV form of a ledger query: the same rows and fields as the JSON, one line per group.</summary>
internal static class LedgerCsv
{
    private static readonly string[] Header =
    [
        "key", "nodeId", "label", "entries", "cases", "measuredEntries", "standardMinutes", "labourCostStandardEur", "workplaceStandardWh",
        "workplaceStandardG", "computeWh", "computeG", "aiWh", "aiG", "embodiedG", "sciCarbonStandardG", "paperG", "postG", "citizenTrips",
        "citizenKm", "citizenG", "standardMinutesPerCase", "labourCostStandardPerCaseEur", "sciCarbonStandardPerCaseG", "besideCarbonPerCaseG",
        "measuredMinutes", "staffMinutes", "labourCostEur", "workplaceWh", "workplaceG", "sciCarbonG", "staffMinutesPerCase", "labourCostPerCaseEur",
        "sciCarbonPerCaseG", "suppressed",
    ];

    public static string Write(LedgerQueryResult result)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Header).Append("\r\n");
        foreach (var r in result.Rows)
        {
            var m = r.Measured;
            object?[] cells =
            [
                r.Key, r.NodeId, r.Label, r.Entries, r.Cases, r.MeasuredEntries, r.StandardMinutes, r.LabourCostStandardEur, r.WorkplaceStandardWh,
                r.WorkplaceStandardG, r.ComputeWh, r.ComputeG, r.AiWh, r.AiG, r.EmbodiedG, r.SciCarbonStandardG, r.PaperG, r.PostG, r.CitizenTrips,
                r.CitizenKm, r.CitizenG, r.StandardMinutesPerCase, r.LabourCostStandardPerCaseEur, r.SciCarbonStandardPerCaseG, r.BesideCarbonPerCaseG,
                m?.MeasuredMinutes, m?.StaffMinutes, m?.LabourCostEur, m?.WorkplaceWh, m?.WorkplaceG, m?.SciCarbonG, m?.StaffMinutesPerCase,
                m?.LabourCostPerCaseEur, m?.SciCarbonPerCaseG, r.Suppressed,
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
