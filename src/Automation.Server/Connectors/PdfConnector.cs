using Automation.Data;
using Automation.Data.Documents;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Vorlagen;
using Automation.Server.Features.Documents;

namespace Automation.Server.Connectors;

/// <summary>
/// Connector <c>pdf</c>: fills a template (from the library, or inline as the step's <c>text</c> input) with the case's
/// variables, lays it out as an A4 PDF and stores it on the case as a generated document. A retry with the same
/// idempotency key gets the document stored the first time. Measured: the pages generated (not printed).
/// </summary>
internal sealed class PdfConnector(TemplateLibrary library, DocumentStore documents, TimeProvider clock) : IConnector
{
    /// <summary>The topic.</summary>
    public const string ConnectorName = "pdf";

    public string Name => ConnectorName;

    public int Version => 1;

    public string Label => Texte.PdfLabel;

    public IReadOnlyList<ConnectorField> Inputs { get; } =
    [
        new("template", Texte.PdfFeld("template"), ConnectorFieldType.Text, false, Texte.PdfHilfe("template")),
        new("text", Texte.PdfFeld("text"), ConnectorFieldType.Text, false, Texte.PdfHilfe("text")),
        new("fileName", Texte.PdfFeld("fileName"), ConnectorFieldType.Text, false, Texte.PdfHilfe("fileName")),
        new("title", Texte.PdfFeld("title"), ConnectorFieldType.Text, false, Texte.PdfHilfe("title")),
    ];

    public IReadOnlyList<ConnectorField> Outputs { get; } =
    [
        new("document", Texte.PdfFeld("document"), ConnectorFieldType.Json, false, Texte.PdfHilfe("document")),
        new("pages", Texte.PdfFeld("pages"), ConnectorFieldType.Number, false, Texte.PdfHilfe("pages")),
    ];

    public async Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var values = TemplateRenderer.Values(call, clock.GetUtcNow());
        string body, fileName;
        string? title;
        try
        {
            if (TemplatedInputs.Text(call, "template") is { } name)
            {
                var template = library.Find(name, TemplateKind.Pdf);
                if (template?.Text is null)
                {
                    return ConnectorResult.Failure(Texte.Format(Texte.VorlageUnbekannt, name, string.Join(", ", library.Names(TemplateKind.Pdf))), retryable: false);
                }
                body = TemplateRenderer.Render(name, template.Text, values);
            }
            else if (TemplatedInputs.Filled(call, "text", values) is { } inline)
            {
                body = inline;
            }
            else
            {
                return ConnectorResult.Failure(Texte.ConnectorVorlageOderText, retryable: false);
            }
            title = TemplatedInputs.Filled(call, "title", values);
            fileName = TemplatedInputs.Filled(call, "fileName", values) ?? "dokument.pdf";
        }
        catch (TemplateException e)
        {
            return ConnectorResult.Failure(e.Message, retryable: false);
        }
        if (!fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) fileName += ".pdf";
        if (!DejaVuFonts.Install()) return ConnectorResult.Failure(Texte.PdfSchriftFehlt, retryable: false);
        var (content, pages) = PdfLayout.Render(title, body);
        try
        {
            var stored = await documents.Documents.AddAsync(new NewCaseDocument(call.CaseId, fileName, content, CaseDocumentKinds.Generated, "system",
                call.NodeId, call.IdempotencyKey), ct);
            return ConnectorResult.Completed(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["document"] = stored.ToVariable(),
                ["pages"] = (double)pages,
            }, new ConnectorMeasurement(PdfPages: pages, LettersAvoided: 0));
        }
        catch (DocumentRefusedException e)
        {
            return ConnectorResult.Failure(e.Message, retryable: false);
        }
        catch (NotFoundException e)
        {
            return ConnectorResult.Failure(e.Message, retryable: false);
        }
        catch (StorageException e)
        {
            return ConnectorResult.Failure(e.Message, retryable: true);
        }
    }
}
