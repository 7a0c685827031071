using Quartz;

namespace Automation.Server.Features.Reports;

/// <summary>One scheduled report: an entry of the "Automation:Reports" configuration list.</summary>
public sealed class ReportDefinition
{
    /// <summary>Configuration section holding the list.</summary>
    public const string Section = "Automation:Reports";

    /// <summary>Unique name; together with the month it identifies the archived report.</summary>
    public string Name { get; set; } = "";

    /// <summary>Process id the workbook covers; empty: all processes.</summary>
    public string? Process { get; set; }

    /// <summary>Quartz cron expression in Europe/Berlin time (e.g. "0 0 6 1 * ?" = 06:00 on the first of each month).</summary>
    public string Cron { get; set; } = "";

    /// <summary>Reads and checks the list; a mistake names the entry and the field, so the server does not start with it.</summary>
    /// <exception cref="InvalidOperationException">A name is missing, too long or repeated, or a cron expression is missing or invalid.</exception>
    public static IReadOnlyList<ReportDefinition> Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var result = new List<ReportDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            var definition = entry.Get<ReportDefinition>() ?? new ReportDefinition();
            var where = $"{Section}:{entry.Key}";
            if (string.IsNullOrWhiteSpace(definition.Name)) throw new InvalidOperationException($"{where}: field Name is missing.");
            where += $" ('{definition.Name}')";
            if (definition.Name.Length > 100) throw new InvalidOperationException($"{where}: field Name is longer than 100 characters.");
            if (!names.Add(definition.Name)) throw new InvalidOperationException($"{where}: field Name repeats an earlier report's name.");
            if (string.IsNullOrWhiteSpace(definition.Cron)) throw new InvalidOperationException($"{where}: field Cron is missing.");
            CheckCron(definition.Cron, where);
            if (string.IsNullOrWhiteSpace(definition.Process)) definition.Process = null;
            result.Add(definition);
        }
        return result;
    }

    // Apart, so a server without reports never loads Quartz (code loads the types a method names when it is compiled).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void CheckCron(string cron, string where)
    {
        DateTimeOffset? next;
        try
        {
            next = new CronExpression(cron).GetNextValidTimeAfter(DateTimeOffset.UtcNow);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{where}: field Cron '{cron}' is not a valid Quartz cron expression (six or seven fields, e.g. \"0 0 6 1 * ?\"): {e.Message}", e);
        }
        if (next is null) throw new InvalidOperationException($"{where}: field Cron '{cron}' never fires again.");
    }
}
