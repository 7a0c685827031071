using Automation.Engine.Texts;

namespace Automation.Workforce.Importing;

/// <summary>A problem in one row of an import.</summary>
/// <param name="Row">Line (CSV) or row (xlsx) number; 0 for the file as a whole (e.g. wrong columns).</param>
/// <param name="Field">Column concerned, if any.</param>
/// <param name="Message">What is wrong, in German for the user.</param>
public sealed record RowError(int Row, string? Field, string Message)
{
    /// <summary>The column's German name as a person reads it (<see cref="Field"/> stays the key programs use).</summary>
    public string? Column { get; init; }

    /// <inheritdoc />
    public override string ToString() => Row == 0 ? Message
        : (Column ?? Field) is { } column ? Texte.Format(Texte.ImportZeileSpalte, Row, column, Message) : Texte.Format(Texte.ImportZeileFehler, Row, Message);
}

/// <summary>The outcome of reading an import file: the valid rows and each bad row's errors.</summary>
/// <typeparam name="T">Row type.</typeparam>
/// <param name="Valid">Rows without errors.</param>
/// <param name="Errors">Errors, by row.</param>
/// <param name="TotalRows">Number of data rows in the file.</param>
public sealed record ImportResult<T>(IReadOnlyList<T> Valid, IReadOnlyList<RowError> Errors, int TotalRows)
{
    /// <summary>Whether the file has errors; then nothing is stored unless the user chooses to import the valid rows.</summary>
    public bool HasErrors => Errors.Count > 0;

    /// <summary>Whether a file-level error (wrong columns) makes every row unusable.</summary>
    public bool HasFileError => Errors.Any(e => e.Row == 0);
}
