using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// Where each <see cref="LedgerFigures"/> property is stored: its column in <c>steps</c> (and in the view
/// <c>ledger_entries</c>), the PostgreSQL type the writer's arrays use, and the column's maximum length. One list for
/// the EF mapping of both and for the writer's insert statement.
/// </summary>
internal static class LedgerColumns
{
    /// <summary>The figures in the order the writer binds them (<see cref="CaseStore"/>).</summary>
    public static readonly (string Property, string Column, string PostgresType, int? MaxLength)[] Figures =
    [
        (nameof(LedgerFigures.DefinitionId), "definition_id", "bigint", null),
        (nameof(LedgerFigures.DefinitionVersion), "definition_version", "text", 220),
        (nameof(LedgerFigures.Authority), "authority", "text", 40),
        (nameof(LedgerFigures.FactorSet), "factor_set", "text", 100),
        (nameof(LedgerFigures.Factors), "factors", "text", 4000),
        (nameof(LedgerFigures.Occupation), "occupation", "text", 5),
        (nameof(LedgerFigures.PayLevel), "pay_level", "text", 40),
        (nameof(LedgerFigures.StandardMinutes), "standard_minutes", "double precision", null),
        (nameof(LedgerFigures.StaffMinutes), "staff_minutes", "double precision", null),
        (nameof(LedgerFigures.StaffMinutesBasis), "staff_minutes_basis", "text", 20),
        (nameof(LedgerFigures.LabourCostEur), "labour_cost_eur", "double precision", null),
        (nameof(LedgerFigures.CpuSeconds), "cpu_seconds", "double precision", null),
        (nameof(LedgerFigures.Inferences), "inferences", "double precision", null),
        (nameof(LedgerFigures.WorkplaceWh), "workplace_wh", "double precision", null),
        (nameof(LedgerFigures.WorkplaceG), "workplace_g", "double precision", null),
        (nameof(LedgerFigures.ComputeWh), "compute_wh", "double precision", null),
        (nameof(LedgerFigures.ComputeG), "compute_g", "double precision", null),
        (nameof(LedgerFigures.AiWh), "ai_wh", "double precision", null),
        (nameof(LedgerFigures.AiG), "ai_g", "double precision", null),
        (nameof(LedgerFigures.PaperG), "paper_g", "double precision", null),
        (nameof(LedgerFigures.PostG), "post_g", "double precision", null),
        (nameof(LedgerFigures.EmbodiedG), "embodied_g", "double precision", null),
        (nameof(LedgerFigures.CitizenTrips), "citizen_trips", "double precision", null),
        (nameof(LedgerFigures.CitizenKm), "citizen_km", "double precision", null),
        (nameof(LedgerFigures.CitizenG), "citizen_g", "double precision", null),
        (nameof(LedgerFigures.CitizenMinutes), "citizen_minutes", "double precision", null),
        (nameof(LedgerFigures.WorkerKey), "worker_key", "text", 64),
    ];

    /// <summary>A step's figures in <see cref="Figures"/> order.</summary>
    public static object?[] Values(LedgerFigures f) =>
    [
        f.DefinitionId, f.DefinitionVersion, f.Authority, f.FactorSet, f.Factors, f.Occupation, f.PayLevel, f.StandardMinutes,
        f.StaffMinutes, f.StaffMinutesBasis, f.LabourCostEur, f.CpuSeconds, f.Inferences, f.WorkplaceWh, f.WorkplaceG, f.ComputeWh,
        f.ComputeG, f.AiWh, f.AiG, f.PaperG, f.PostG, f.EmbodiedG, f.CitizenTrips, f.CitizenKm, f.CitizenG, f.CitizenMinutes, f.WorkerKey,
    ];

    /// <summary>Maps the figures' columns on an entity or owned type builder (both expose <c>Property(string)</c>).</summary>
    public static void Map(Func<string, PropertyBuilder> property)
    {
        foreach (var (name, column, _, maxLength) in Figures)
        {
            var p = property(name).HasColumnName(column);
            if (maxLength is { } n) p.HasMaxLength(n);
        }
    }
}
