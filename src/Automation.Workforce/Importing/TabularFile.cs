using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Automation.Engine.Texts;

namespace Automation.Workforce.Importing;

/// <summary>A table read from a CSV or xlsx file: a header and data rows, each with its line or row number.</summary>
/// <param name="Header">Column names as written, trimmed.</param>
/// <param name="Rows">Data rows.</param>
/// <param name="Delimiter">The CSV delimiter (',' for xlsx): list cells then use the other separators.</param>
public sealed record TabularFile(IReadOnlyList<string> Header, IReadOnlyList<TabularRow> Rows, char Delimiter = ',')
{
    /// <summary>Reads CSV (delimiter ';' or ',', detected from the header; RFC 4180 quotes) or xlsx (first sheet).</summary>
    /// <param name="content">File content.</param>
    /// <param name="fileName">File name; its extension picks the format.</param>
    /// <exception cref="ImportFormatException">The file cannot be read as a table.</exception>
    public static TabularFile Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(content, fileName) : ReadCsv(content, fileName);
    }

    /// <summary>Reads CSV text.</summary>
    public static TabularFile ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ParseCsv(text);
        if (records.Count == 0 || records[0].Fields.All(string.IsNullOrWhiteSpace))
        {
            throw new ImportFormatException(Texte.ImportOhneKopfzeile);
        }
        var header = records[0].Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var rows = records.Skip(1).Where(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            .Select(r => new TabularRow(r.Line, header, r.Fields)).ToList();
        return new TabularFile(header, rows, DetectDelimiter(text));
    }

    /// <summary>The CSV delimiter: ';' when the first line has more semicolons than commas (German spreadsheets), else ','.</summary>
    public static char DetectDelimiter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        return first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
    }

    private static TabularFile ReadCsv(Stream content, string fileName)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            return ReadCsv(reader.ReadToEnd());
        }
        catch (ImportFormatException e)
        {
            throw new ImportFormatException($"{fileName}: {e.Message}");
        }
    }

    private static List<(int Line, List<string> Fields)> ParseCsv(string text)
    {
        var delimiter = DetectDelimiter(text);
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add((recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted) throw new ImportFormatException(Texte.Format(Texte.ImportAnfuehrungszeichen, recordLine));
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }

    private static TabularFile ReadXlsx(Stream content, string fileName)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(content);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            throw new ImportFormatException(Texte.Format(Texte.ImportKeinXlsx, fileName));
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new ImportFormatException(Texte.Format(Texte.ImportKeinBlatt, fileName));
            var used = sheet.RangeUsed() ?? throw new ImportFormatException(Texte.Format(Texte.ImportBlattLeer, fileName));
            var firstRow = used.FirstRow().RowNumber();
            var lastColumn = used.LastColumn().ColumnNumber();
            var header = Enumerable.Range(1, lastColumn).Select(c => CellText(sheet.Cell(firstRow, c))).ToList();
            var rows = new List<TabularRow>();
            for (var r = firstRow + 1; r <= used.LastRow().RowNumber(); r++)
            {
                var fields = Enumerable.Range(1, lastColumn).Select(c => CellText(sheet.Cell(r, c))).ToList();
                if (fields.Any(f => !string.IsNullOrWhiteSpace(f))) rows.Add(new TabularRow(r, header, fields));
            }
            return new TabularFile(header, rows);
        }
    }

    private static string CellText(IXLCell cell) => cell.DataType switch
    {
        XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        XLDataType.Boolean => cell.GetBoolean() ? Texte.Ja : Texte.Nein,
        _ => cell.GetString().Trim(),
    };
}

/// <summary>One data row.</summary>
/// <param name="Number">Line (CSV) or row number (xlsx) in the file, for error messages.</param>
/// <param name="Header">The file's header.</param>
/// <param name="Fields">Field values in header order.</param>
public sealed record TabularRow(int Number, IReadOnlyList<string> Header, IReadOnlyList<string> Fields)
{
    /// <summary>The trimmed value of a column, or null when the column is missing or the cell is empty.</summary>
    public string? Get(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                var value = i < Fields.Count ? Fields[i].Trim() : "";
                return value.Length == 0 ? null : value;
            }
        }
        return null;
    }
}

/// <summary>A file that cannot be read as a table at all (as opposed to rows with errors).</summary>
public sealed class ImportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ImportFormatException() : base(Texte.ImportUnlesbar) { }

    /// <summary>Creates the exception.</summary>
    public ImportFormatException(string message, Exception inner) : base(message, inner) { }
}
