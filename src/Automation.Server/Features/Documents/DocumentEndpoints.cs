using System.Security.Claims;
using Automation.Data.Documents;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Features.Documents;

/// <summary>Documents of a case: <c>/api/cases/{id}/documents</c> and the case page's download <c>/vorgaenge/{id}/dokumente/{docId}</c>.</summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:guid}/documents").WithTags("Dokumente");

        group.MapGet("/", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListDocuments(user, id), ct)))
            .RequireAuthorization(Policies.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Dokumente eines Vorgangs (hochgeladen, erzeugt, eingegangen); Vorgänge außerhalb der eigenen Postkörbe sind 404.");

        group.MapPost("/", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (Guid id, HttpRequest request, ClaimsPrincipal user, IMediator mediator,
                DocumentStore store, WorkflowHostAccessor accessor, Cases.DepartmentScope scope, CancellationToken ct) =>
            {
                // The case first: someone outside its scope learns nothing from how the body is refused.
                await Cases.CaseAccess.ActedOnAsync(accessor, scope, user, id, ct);
                var fileName = "";
                try
                {
                    (fileName, var content) = await ReadFileAsync(request, store, ct);
                    var stored = await mediator.Send(new UploadDocument(user, id, fileName, content), ct);
                    return TypedResults.Created(stored.Download, stored);
                }
                catch (DocumentRefusedException e)
                {
                    return Refused(e, fileName);
                }
            })
            .RequireAuthorization(Policies.Events)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Legt ein eingegangenes Dokument am Vorgang ab (multipart/form-data, Feld file). Erlaubt: PDF, PNG, JPEG, Text, Office-Dokumente bis zur eingestellten Größe (Standard 10 MB); sonst 413 oder 422 mit Dateiname und Grund.");

        group.MapGet("/{docId:guid}", async (Guid id, Guid docId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Download(await mediator.Send(new GetDocument(user, id, docId), ct)))
            .RequireAuthorization(Policies.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lädt ein Dokument des Vorgangs herunter; ein Dokument eines anderen Vorgangs ist unter dieser Adresse 404.");

        // The case page's link: the same rule and handler, answered with the German error page (404) like the case page.
        app.MapGet("/vorgaenge/{id:guid}/dokumente/{docId:guid}", async (Guid id, Guid docId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Download(await mediator.Send(new GetDocument(user, id, docId), ct)))
            .RequireAuthorization(Policies.CasesRead)
            .ExcludeFromDescription();
    }

    /// <summary>The stable Problem Details of a refused file: 413 for the size, else 422; the message names the file and the reason.</summary>
    public static ProblemHttpResult Refused(DocumentRefusedException e, string fileName) =>
        ProblemResults.Of(e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity,
            e.TooLarge ? CaseDocuments.TooLargeCode : "document-refused", e.Message, ("field", "file"), ("fileName", CaseDocuments.CleanFileName(fileName)),
            ("reason", e.Code));

    // Always as an attachment: a stored file is never shown inside the server's origin. ASP.NET writes filename and
    // filename* (RFC 6266) from the cleaned name.
    private static FileContentHttpResult Download(DocumentContent document) =>
        TypedResults.File(document.Content, document.MediaType, document.FileName);

    /// <summary>Reads the one file of a multipart upload within the document limit.</summary>
    private static async Task<(string FileName, byte[] Content)> ReadFileAsync(HttpRequest request, DocumentStore store, CancellationToken ct)
    {
        var limit = store.MaxBytes;
        // Room for the multipart framing around the file.
        var bodyLimit = limit + 64 * 1024;
        if (request.ContentLength > bodyLimit) throw new PayloadTooLargeException(limit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;
        if (!request.HasFormContentType) throw new BadInputException("file", Texte.ServerErwartetWirdMultipartFormData);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            // The form reader's own bound (FormOptions) was hit: the file is larger than any document may be.
            throw new PayloadTooLargeException(limit);
        }
        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null)
            ?? throw new BadInputException("file", Texte.Format(Texte.DokumentFehlt, "file"));
        if (file.Length > limit) throw store.Documents.TooLarge(CaseDocuments.CleanFileName(file.FileName), file.Length);
        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, ct);
        return (file.FileName, content);
    }
}
