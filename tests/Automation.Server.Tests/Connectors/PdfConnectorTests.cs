using System.Text;
using Automation.Server.Connectors;
using Automation.Server.Features.Documents;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The pdf connector against the real server's store: the PDF opens with PDFsharp's reader, has the pages it reports,
/// carries the case's values with umlauts in its text, and lands on the case as a generated document once per key.
/// </summary>
public sealed class PdfConnectorTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Process = "doc-wohngeld";

    private IConnector Pdf => factory.Services.GetServices<IConnector>().Single(c => c.Name == "pdf");

    private DocumentStore Store => factory.Services.GetRequiredService<DocumentStore>();

    private async Task<Guid> CaseAsync()
    {
        // Publishing the same source again is no new version, so every test may do it.
        var published = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=test.bpmn",
            TestBpmn.Xml(TestBpmn.Department(Process, "doc-wg-gruppe")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return await TestBpmn.StartAsync(factory.ApiClient("admin"), Process);
    }

    private static ConnectorCall Call(Guid caseId, Dictionary<string, object?> inputs, Dictionary<string, object?> variables, string? key = null) =>
        new(caseId, "AZ-WG-2026-0815", Process, "Bescheid_erzeugen", key ?? Guid.NewGuid().ToString(), inputs, variables, 1);

    private static readonly Dictionary<string, object?> Variables = new(StringComparer.Ordinal)
    {
        ["antragsteller"] = "Jürgen Müßig-Öztürk",
        ["betrag"] = 512.5,
        ["eingangsdatum"] = "2026-11-30",
    };

    [Fact]
    public async Task The_bescheid_template_renders_a_PDF_that_opens_with_the_values_and_umlauts_and_is_stored_on_the_case()
    {
        var caseId = await CaseAsync();
        var result = await Pdf.ExecuteAsync(Call(caseId, new() { ["template"] = "bescheid", ["fileName"] = "Bescheid-{{aktenzeichen}}.pdf", ["title"] = "Wohngeldbescheid für {{antragsteller}}" }, Variables), default);

        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        var document = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.Outputs["document"]);
        Assert.Equal("Bescheid-AZ-WG-2026-0815.pdf", document["name"]);
        Assert.Equal("application/pdf", document["mediaType"]);
        var pages = (double)result.Outputs["pages"]!;
        Assert.Equal(new ConnectorMeasurement(PdfPages: (int)pages, LettersAvoided: 0), result.Measurement);

        var stored = (await Store.Documents.ReadAsync(caseId, Guid.Parse((string)document["id"]!)))!.Value;
        Assert.Equal("generated", stored.Info.Kind);
        Assert.Equal("Bescheid_erzeugen", stored.Info.NodeId);
        Assert.Equal((double)stored.Content.Length, document["size"]);
        var (pageCount, text) = Read(stored.Content);
        Assert.Equal(pages, pageCount);
        Assert.Contains("Wohngeldbescheid für Jürgen Müßig-Öztürk", text, StringComparison.Ordinal);
        Assert.Contains("Jürgen Müßig-Öztürk erhält Wohngeld in Höhe von 512,50 Euro monatlich.", text, StringComparison.Ordinal);
        Assert.Contains("Antrag vom 30.11.2026", text, StringComparison.Ordinal);
        Assert.Contains("Aktenzeichen: AZ-WG-2026-0815", text, StringComparison.Ordinal);
        Assert.Contains("Seite 1 von 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_inline_text_breaks_onto_as_many_pages_as_it_reports()
    {
        var caseId = await CaseAsync();
        var lines = string.Join("\n", Enumerable.Range(1, 150).Select(i => $"Zeile {i}: {{{{antragsteller}}}} bezieht {{{{betrag}}}} Euro."));
        var result = await Pdf.ExecuteAsync(Call(caseId, new() { ["text"] = lines }, Variables), default);

        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        var pages = (int)(double)result.Outputs["pages"]!;
        Assert.InRange(pages, 3, 6);
        Assert.Equal(pages, result.Measurement.PdfPages);
        var document = (IReadOnlyDictionary<string, object?>)result.Outputs["document"]!;
        Assert.Equal("dokument.pdf", document["name"]);
        var (pageCount, text) = Read((await Store.Documents.ReadAsync(caseId, Guid.Parse((string)document["id"]!)))!.Value.Content);
        Assert.Equal(pages, pageCount);
        Assert.Contains("Zeile 150: Jürgen Müßig-Öztürk bezieht 512,50 Euro.", text, StringComparison.Ordinal);
        Assert.Contains($"Seite {pages} von {pages}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_document()
    {
        var caseId = await CaseAsync();
        var first = await Pdf.ExecuteAsync(Call(caseId, new() { ["template"] = "bescheid" }, Variables, "schritt-7"), default);
        var retry = await Pdf.ExecuteAsync(Call(caseId, new() { ["template"] = "bescheid" }, Variables, "schritt-7"), default);
        Assert.Equal(((IReadOnlyDictionary<string, object?>)first.Outputs["document"]!)["id"], ((IReadOnlyDictionary<string, object?>)retry.Outputs["document"]!)["id"]);
        Assert.Single(await Store.Documents.ListAsync(caseId));
    }

    [Theory]
    [InlineData("template", "bescheid", "betrag", "„bescheid“")]
    [InlineData("text", "Betrag: {{betrag}} für {{unbekannt}}", "unbekannt", "„unbekannt“")]
    [InlineData("template", "gibtsnicht", null, "„gibtsnicht“")]
    public async Task A_missing_variable_or_template_fails_without_retry_naming_it_and_stores_nothing(string input, string value, string? dropped, string named)
    {
        var caseId = await CaseAsync();
        var variables = new Dictionary<string, object?>(Variables, StringComparer.Ordinal);
        if (dropped is not null) variables.Remove(dropped);
        var result = await Pdf.ExecuteAsync(Call(caseId, new() { [input] = value }, variables), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains(named, result.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.Documents.ListAsync(caseId));
    }

    [Fact]
    public async Task Neither_template_nor_text_is_a_failure_and_an_unknown_case_too()
    {
        var caseId = await CaseAsync();
        var none = await Pdf.ExecuteAsync(Call(caseId, new() { ["title"] = "Nur Titel" }, Variables), default);
        Assert.Equal(ConnectorResultKind.Failure, none.Kind);
        Assert.False(none.Retryable);
        var unknown = await Pdf.ExecuteAsync(Call(Guid.NewGuid(), new() { ["template"] = "bescheid" }, Variables), default);
        Assert.Equal(ConnectorResultKind.Failure, unknown.Kind);
        Assert.False(unknown.Retryable);
    }

    [Fact]
    public void The_connector_declares_its_contract()
    {
        Assert.Equal(1, Pdf.Version);
        Assert.Equal("Dokument erzeugen (PDF)", Pdf.Label);
        Assert.Equal(["template", "text", "fileName", "title"], Pdf.Inputs.Select(i => i.Name));
        Assert.Equal(["document", "pages"], Pdf.Outputs.Select(o => o.Name));
    }

    /// <summary>Page count and the text of every text-showing operator, one line per operator, as PDFsharp reads the file back.</summary>
    private static (int Pages, string Text) Read(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages) Collect(ContentReader.ReadContent(page), text);
        return (document.PageCount, text.ToString());
    }

    private static void Collect(CObject item, StringBuilder text)
    {
        switch (item)
        {
            case COperator { OpCode.Name: "Tj" or "TJ" or "'" or "\"" } op:
                foreach (var operand in op.Operands) Strings(operand, text);
                text.Append('\n');
                break;
            case CSequence sequence:
                foreach (var child in sequence) Collect(child, text);
                break;
        }
    }

    private static void Strings(CObject operand, StringBuilder text)
    {
        if (operand is CString s) text.Append(s.Value);
        else if (operand is CArray array) foreach (var part in array) Strings(part, text);
    }
}
