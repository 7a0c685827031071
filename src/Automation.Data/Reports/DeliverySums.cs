namespace Automation.Data.Reports;

/// <summary>
/// What connectors delivered instead of paper, summed: e-mails, letters avoided, PDF pages and the post carbon the avoided
/// letters would have caused (beside the footprint, never subtracted). Not a person's figure: counted on automated steps.
/// </summary>
public sealed record DeliverySums(double EmailsSent, double LettersAvoided, double PdfPages, double AvoidedPostG)
{
    /// <summary>The columns on the step rows and the ledger cells, in this record's order.</summary>
    internal static IReadOnlyList<string> Columns { get; } = ["emails_sent", "letters_avoided", "pdf_pages", "avoided_post_g"];

    /// <summary>Nothing delivered.</summary>
    public static DeliverySums Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Reads the four sums from consecutive positions, starting at <paramref name="first"/>.</summary>
    internal static DeliverySums Read(Func<int, double> value, int first) =>
        new(value(first), value(first + 1), value(first + 2), value(first + 3));

    /// <summary>The sum of many.</summary>
    public static DeliverySums Sum(IEnumerable<DeliverySums> all) =>
        all.Aggregate(Zero, (a, b) => new(a.EmailsSent + b.EmailsSent, a.LettersAvoided + b.LettersAvoided, a.PdfPages + b.PdfPages, a.AvoidedPostG + b.AvoidedPostG));
}
