using Automation.Engine.Accounting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// Where each <see cref="LedgerStepFigures"/> property is stored: its column in <c>steps</c> (and in the view
/// <c>ledger_entries</c>), the PostgreSQL type the writer's arrays use, and the column's maximum length. One list for
/// the EF mapping of both and for the writer's insert statement; the carbon components' columns come from
/// <see cref="ComponentColumns.Step"/>.
/// </summary>
internal static class LedgerColumns
{
    /// <summary>The figures in the order the writer binds them (<see cref="CaseStore"/>).</summary>
    public static readonly (string Property, string Column, string PostgresType, int? MaxLength)[] Figures =
    [
        (nameof(LedgerStepFigures.DefinitionId), "definition_id", "bigint", null),
        (nameof(LedgerStepFigures.DefinitionVersion), "definition_version", "text", 220),
        (nameof(LedgerStepFigures.Authority), "authority", "text", 40),
        (nameof(LedgerStepFigures.FactorSet), "factor_set", "text", 100),
        (nameof(LedgerStepFigures.Factors), "factors", "text", 4000),
        (nameof(LedgerStepFigures.Occupation), "occupation", "text", 5),
        (nameof(LedgerStepFigures.PayLevel), "pay_level", "text", 40),
        (nameof(LedgerStepFigures.StandardMinutes), "standard_minutes", "double precision", null),
        (nameof(LedgerStepFigures.StaffMinutes), "staff_minutes", "double precision", null),
        (nameof(LedgerStepFigures.StaffMinutesBasis), "staff_minutes_basis", "text", 20),
        (nameof(LedgerStepFigures.LabourCostEur), "labour_cost_eur", "double precision", null),
        (nameof(LedgerStepFigures.CpuSeconds), "cpu_seconds", "double precision", null),
        (nameof(LedgerStepFigures.Inferences), "inferences", "double precision", null),
        .. ComponentColumns.Step.Select(c => (c.Property, c.Name, "double precision", (int?)null)),
        (nameof(LedgerStepFigures.CitizenTrips), "citizen_trips", "double precision", null),
        (nameof(LedgerStepFigures.CitizenKm), "citizen_km", "double precision", null),
        (nameof(LedgerStepFigures.CitizenMinutes), "citizen_minutes", "double precision", null),
        (nameof(LedgerStepFigures.TransferGb), "transfer_gb", "double precision", null),
        (nameof(LedgerStepFigures.EmailsSent), "emails_sent", "double precision", null),
        (nameof(LedgerStepFigures.LettersAvoided), "letters_avoided", "double precision", null),
        (nameof(LedgerStepFigures.PdfPages), "pdf_pages", "double precision", null),
        (nameof(LedgerStepFigures.AvoidedPostG), "avoided_post_g", "double precision", null),
        (nameof(LedgerStepFigures.AiTokens), "ai_tokens", "double precision", null),
        (nameof(LedgerStepFigures.AiSizeClass), "ai_size_class", "text", 20),
        (nameof(LedgerStepFigures.WorkerKey), "worker_key", "text", 64),
    ];

    /// <summary>
    /// Writes a step's figures in <see cref="Figures"/> order into <paramref name="row"/>; a quantity of 0, an empty factor
    /// list and the basis "None" as null (stored as NULL, read back as 0, "" and "None" through the view).
    /// </summary>
    public static void Fill(LedgerStepFigures f, Span<object?> row)
    {
        row[0] = f.DefinitionId;
        row[1] = f.DefinitionVersion;
        row[2] = f.Authority;
        row[3] = f.FactorSet;
        row[4] = f.Factors.Length == 0 ? null : f.Factors;
        row[5] = f.Occupation;
        row[6] = f.PayLevel;
        row[7] = N(f.StandardMinutes);
        row[8] = N(f.StaffMinutes);
        row[9] = f.StaffMinutesBasis == NoBasis ? null : f.StaffMinutesBasis;
        row[10] = N(f.LabourCostEur);
        row[11] = N(f.CpuSeconds);
        row[12] = N(f.Inferences);
        var i = Leading;
        foreach (var (get, _) in Components) row[i++] = N(get(f));
        row[i++] = N(f.CitizenTrips);
        row[i++] = N(f.CitizenKm);
        row[i++] = N(f.CitizenMinutes);
        row[i++] = N(f.TransferGb);
        row[i++] = N(f.EmailsSent);
        row[i++] = N(f.LettersAvoided);
        row[i++] = N(f.PdfPages);
        row[i++] = N(f.AvoidedPostG);
        row[i++] = N(f.AiTokens);
        row[i++] = f.AiSizeClass;
        row[i] = f.WorkerKey;
    }

    /// <summary>Sets the component columns from an entry's figures.</summary>
    public static void SetComponents(LedgerStepFigures f, ComponentFigures figures)
    {
        for (var i = 0; i < Components.Length; i++)
        {
            var column = ComponentColumns.Step[i];
            var figure = figures[column.Component];
            Components[i].Set(f, (double)(column.Energy ? figure.EnergyWh ?? 0 : figure.CarbonG));
        }
    }

    /// <summary>Position of the first component column (<see cref="Fill"/> writes the columns before it one by one).</summary>
    private static readonly int Leading = Array.FindIndex(Figures, f => f.Column == ComponentColumns.Step[0].Name);

    /// <summary>Accessors of the component properties, in <see cref="ComponentColumns.Step"/> order.</summary>
    private static readonly (Func<LedgerStepFigures, double> Get, Action<LedgerStepFigures, double> Set)[] Components =
        [.. ComponentColumns.Step.Select(c => Accessors(c.Property))];

    private static (Func<LedgerStepFigures, double>, Action<LedgerStepFigures, double>) Accessors(string property)
    {
        var info = typeof(LedgerStepFigures).GetProperty(property)
            ?? throw new InvalidOperationException($"{nameof(LedgerStepFigures)} has no property {property} for a carbon component column");
        return (info.GetMethod!.CreateDelegate<Func<LedgerStepFigures, double>>(), info.SetMethod!.CreateDelegate<Action<LedgerStepFigures, double>>());
    }

    private const string NoBasis = nameof(QuantityBasis.None);

    private static double? N(double figure) => figure == 0 ? null : figure;

    /// <summary>Maps the figures onto the properties of the view's entity.</summary>
    public static void Map(EntityTypeBuilder<LedgerEntryRecord> entity)
    {
        foreach (var (name, column, _, maxLength) in Figures) Configure(entity.Property(name), column, maxLength);
    }

    /// <summary>
    /// Declares the figures' columns on <c>steps</c> as nullable shadow properties: the writer fills them with SQL, and
    /// they are read through the view, where a NULL figure reads as 0.
    /// </summary>
    public static void MapOnSteps(EntityTypeBuilder<StepRecord> steps)
    {
        foreach (var (name, column, postgresType, maxLength) in Figures)
        {
            var type = postgresType switch
            {
                "bigint" => typeof(long?),
                "double precision" => typeof(double?),
                _ => typeof(string),
            };
            Configure(steps.Property(type, name), column, maxLength);
        }
    }

    private static void Configure(PropertyBuilder property, string column, int? maxLength)
    {
        property.HasColumnName(column);
        if (maxLength is { } n) property.HasMaxLength(n);
    }
}
