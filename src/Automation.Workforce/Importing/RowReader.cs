using System.Globalization;
using Automation.Engine.Texts;

namespace Automation.Workforce.Importing;

/// <summary>A column of an import: its name and German alias.</summary>
/// <param name="Name">Canonical (English) name.</param>
/// <param name="Alias">German alias accepted in the header.</param>
/// <param name="Required">Whether the column must be present.</param>
public sealed record ImportColumn(string Name, string Alias, bool Required = true);

/// <summary>Checks headers and parses typed fields of one row, collecting errors instead of throwing.</summary>
internal sealed class RowReader(TabularRow row, List<RowError> errors, IReadOnlyDictionary<string, string> headerMap)
{
    /// <summary>Maps each column to the header name used in the file, or reports missing and unknown columns.</summary>
    public static IReadOnlyDictionary<string, string>? MapHeader(IReadOnlyList<string> header, IReadOnlyList<ImportColumn> columns, List<RowError> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var found = header.FirstOrDefault(h => string.Equals(h, column.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(h, column.Alias, StringComparison.OrdinalIgnoreCase));
            if (found is not null) map[column.Name] = found;
            else if (column.Required) errors.Add(new RowError(0, column.Name, Texte.Format(Texte.ImportSpalteFehlt, column.Alias)) { Column = column.Alias });
        }
        var unknown = header.Where(h => h.Length > 0 && !columns.Any(c => string.Equals(h, c.Name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(h, c.Alias, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new RowError(0, null, Texte.Format(Texte.ImportSpaltenUnbekannt, string.Join(", ", unknown), string.Join(", ", columns.Select(c => c.Alias)))));
        }
        return errors.Count == 0 ? map : null;
    }

    public string? Text(string column) => headerMap.TryGetValue(column, out var h) ? row.Get(h) : null;

    public string RequiredText(string column)
    {
        var value = Text(column);
        if (value is null) errors.Add(new RowError(row.Number, column, Texte.ImportWertFehlt));
        return value ?? "";
    }

    public double? Number(string column, bool required, bool nonNegative = true)
    {
        var text = Text(column);
        if (text is null)
        {
            if (required) errors.Add(new RowError(row.Number, column, Texte.ImportWertFehlt));
            return null;
        }
        if (!TryNumber(text, out var value))
        {
            errors.Add(new RowError(row.Number, column, Texte.Format(Texte.ImportKeineZahl, text)));
            return null;
        }
        if (nonNegative && value < 0)
        {
            errors.Add(new RowError(row.Number, column, Texte.Format(Texte.ImportNegativ, text)));
            return null;
        }
        return value;
    }

    public bool? YesNo(string column, bool required)
    {
        var text = Text(column)?.ToLowerInvariant();
        switch (text)
        {
            case null:
                if (required) errors.Add(new RowError(row.Number, column, Texte.ImportJaNeinFehlt));
                return null;
            case "ja" or "j" or "yes" or "y" or "true" or "1" or "x":
                return true;
            case "nein" or "n" or "no" or "false" or "0":
                return false;
            default:
                errors.Add(new RowError(row.Number, column, Texte.Format(Texte.ImportWederJaNochNein, text)));
                return null;
        }
    }

    public void Error(string? column, string message) => errors.Add(new RowError(row.Number, column, message));

    /// <summary>Accepts 1234.5 and the German 1.234,5 / 1234,5.</summary>
    public static bool TryNumber(string text, out double value)
    {
        var t = text.Trim().Replace("€", "", StringComparison.Ordinal).Replace("EUR", "", StringComparison.OrdinalIgnoreCase).Trim();
        if (t.Contains(',', StringComparison.Ordinal)) t = t.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
