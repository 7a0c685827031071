using System.Globalization;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Inputs;

/// <summary>
/// CSV read the way spreadsheets may read it: German Excel splits on ';', others on ',' or tab, and a quote it
/// misreads lets a CR or LF start a new row. No piece of any cell may then start a formula.
/// </summary>
public sealed class CsvGuardTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    public static readonly string[] Hostile =
    [
        "=1+1", "Text;=1+1", "Text;+1+1", "Text;-1+1", "Text;@SUM(A1)", "Text\t=1+1", "Text,=1+1", "Text\r\n=1+1", "Text\n=cmd|' /C calc'!A0",
        "\t=1+1", "\r=1+1", "\n=1+1", "a;\"=1+1", "a;\"\"=HYPERLINK(\"http://x\")", "=1;=2;=3", "x;;=1", "Müller; -Abteilung;=A1",
    ];

    /// <summary>Every way of cutting the file a spreadsheet might use, quotes ignored (the worst reader) and leading quotes stripped.</summary>
    private static IEnumerable<string> Pieces(string csv) =>
        csv.Split(['\r', '\n']).SelectMany(line => line.Split([',', ';', '\t'])).Select(p => p.TrimStart('"'));

    private static void AssertNoFormula(string csv)
    {
        foreach (var piece in Pieces(csv))
        {
            if (piece.Length == 0 || piece[0] is not ('=' or '+' or '-' or '@')) continue;
            Assert.True(double.TryParse(piece.TrimEnd('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"formula piece: {piece}");
        }
    }

    [Fact]
    public void Cells_are_neutralised_wherever_a_spreadsheet_may_start_a_cell()
    {
        var writer = new CsvWriter();
        foreach (var value in Hostile) writer.Row("id", value, "ende");
        AssertNoFormula(writer.ToString());
        AssertNoFormula(string.Join(",", Hostile.Select(CsvWriter.Field)));
    }

    [Theory]
    [InlineData("Text;=1+1", "Text;'=1+1")]
    [InlineData("Text\t=1+1", "Text\t'=1+1")]
    [InlineData("Text\n=1+1", "Text\n'=1+1")]
    [InlineData("\n=1+1", "'\n'=1+1")]
    [InlineData("a;\"=1", "a;'\"=1")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("Saldo;-2.5;+3", "Saldo;-2.5;+3")]
    [InlineData("Müller, -Abteilung", "Müller, -Abteilung")]
    [InlineData("Telefon +49 30 1234", "Telefon +49 30 1234")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    public void Text_stays_readable_and_numbers_stay_numbers(string value, string written)
    {
        Assert.Equal(written, CsvWriter.Cell(value));
    }

    [Fact]
    public void Fields_holding_any_readers_separator_are_quoted()
    {
        Assert.Equal("\"a;b\"", CsvWriter.Field("a;b"));
        Assert.Equal("\"a\tb\"", CsvWriter.Field("a\tb"));
        Assert.Equal("plain", CsvWriter.Field("plain"));
    }

    [Fact]
    public async Task The_audit_export_is_safe_for_german_excel()
    {
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        foreach (var value in Hostile) await audit.RecordAsync("csv-test", value, "create", null, new { text = value }, value);

        var csv = await factory.ApiClient("admin").GetStringAsync("/api/audit/export.csv?kind=csv-test");

        Assert.Contains("Text;'=1+1", csv, StringComparison.Ordinal);
        AssertNoFormula(csv);
    }
}
