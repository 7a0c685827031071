using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Infrastructure;

/// <summary>A definition that does not validate; carries its findings (as the check words them) for the 422 response.</summary>
internal sealed class DefinitionInvalidException(IReadOnlyList<DiagnosticDto> findings)
    : Exception("Die Definition ist ungültig.")
{
    public IReadOnlyList<DiagnosticDto> Findings { get; } = findings;
}

/// <summary>The request body is larger than the configured limit.</summary>
internal sealed class PayloadTooLargeException(long limit) : Exception($"Die Datei ist größer als {limit} Bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>The user may use the endpoint but not this object (a task of another inbox).</summary>
internal sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A request field is missing or malformed.</summary>
internal sealed class BadInputException(string field, string message, string? code = null) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>Stable code for programs, where the caller gives one.</summary>
    public string? Code { get; } = code;
}

/// <summary>A diagnostic as the API reports it.</summary>
/// <param name="Severity">error, warning or info.</param>
/// <param name="Code">Stable code.</param>
/// <param name="Message">Text.</param>
/// <param name="ElementId">BPMN element id.</param>
/// <param name="Line">Line in the source.</param>
/// <param name="Column">Column in the source.</param>
/// <param name="Label">The element's name, where the check knows it.</param>
internal sealed record DiagnosticDto(string Severity, string Code, string Message, string? ElementId, int? Line, int? Column, string? Label = null);

/// <summary>
/// Turns exceptions into RFC 9457 Problem Details naming the field or element. Messages of known exceptions are
/// meant for users; anything else is reported without detail so no stack trace or internal text leaks.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            WorkflowInputException e => Problem(StatusCodes.Status422UnprocessableEntity, "Ungültige Eingabe", e.Message, ("field", e.Field)),
            BadInputException { Code: { } code } e => Problem(StatusCodes.Status400BadRequest, "Ungültige Anfrage", e.Message, ("field", e.Field), ("code", code)),
            BadInputException e => Problem(StatusCodes.Status400BadRequest, "Ungültige Anfrage", e.Message, ("field", e.Field)),
            BadHttpRequestException e => Problem(e.StatusCode, "Ungültige Anfrage", e.Message),
            Features.Register.RegisterIncompleteException e => Problem(StatusCodes.Status422UnprocessableEntity, "Transparenzregister unvollständig", e.Message,
                ("diagnostics", e.Findings), ("missing", e.Missing)),
            DefinitionInvalidException e => Problem(StatusCodes.Status422UnprocessableEntity, "Ungültige Definition",
                string.Join("; ", e.Findings.Where(d => d.Severity == "error").Take(5).Select(d => d.ElementId is null ? d.Message : $"{d.ElementId}: {d.Message}")),
                ("diagnostics", e.Findings)),
            PayloadTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "Datei zu groß", e.Message, ("limit", e.Limit)),
            Features.Cases.IdempotencyKeyReusedException e => Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key schon verwendet", e.Message,
                ("code", Features.Cases.IdempotencyKeyReusedException.Code), ("field", Features.Cases.StartCaseOnceHandler.Header)),
            VariablesTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "Variablen zu groß", e.Message,
                ("code", VariablesTooLargeException.Code), ("limit", e.Limit)),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Nicht gefunden", e.Message, ("code", StatusText.For(StatusCodes.Status404NotFound).Code)),
            KeyNotFoundException e => Problem(StatusCodes.Status404NotFound, "Nicht gefunden", e.Message, ("code", StatusText.For(StatusCodes.Status404NotFound).Code)),
            ConcurrencyConflictException e => Problem(StatusCodes.Status409Conflict, "Konflikt", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Kein Zugriff", e.Message),
            AntiforgeryValidationException => Problem(StatusCodes.Status400BadRequest, "Ungültige Anfrage", "Das Formular-Token fehlt oder ist abgelaufen."),
            StorageException e => Problem(StatusCodes.Status503ServiceUnavailable, "Datenbank nicht verfügbar", e.Message),
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Interner Fehler", "Die Anfrage konnte nicht bearbeitet werden.");
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    private static ProblemDetails Problem(int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
