using System.Text.Encodings.Web;
using System.Text.Json;
using Automation.Engine.Texts;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Infrastructure;

/// <summary>A request that brings variables into a case (start, task completion, message, signal).</summary>
internal interface IVariablePayload
{
    /// <summary>The variables as received: JSON elements or plain values; null when none.</summary>
    object? VariablePayload { get; }
}

/// <summary>
/// Marks an endpoint (minimal API or Razor page) whose body carries variables: its body is read only up to a bound,
/// so an oversized request is refused before it is parsed into memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class VariablePayloadAttribute : Attribute
{
    /// <summary>
    /// Whether the form may carry files (a task form with file fields): a multipart body may then be larger by
    /// <see cref="Features.Documents.DocumentStore.MaxFilesPerForm"/> documents of the document limit.
    /// </summary>
    public bool Files { get; init; }
}

/// <summary>Variables larger than <see cref="ServerOptions.MaxVariableBytes"/>; 413 with code <c>variables-too-large</c>.</summary>
internal sealed class VariablesTooLargeException(long limit, long? size) : Exception(Describe(limit, size))
{
    /// <summary>The stable code in the Problem Details.</summary>
    public const string Code = "variables-too-large";

    public long Limit { get; } = limit;

    private static string Describe(long limit, long? size) => size is { } s
        ? Texte.Format(Texte.ServerVariablenBytesGrossErlaubtHoechstens, s, limit)
        : Texte.Format(Texte.ServerAnfrageGrossVariablenDuerfenHoechstens, limit);
}

/// <summary>The one place the variable limit is checked.</summary>
internal sealed class VariablePayloadLimit(IOptions<ServerOptions> options)
{
    // Sizes count UTF-8 bytes of the JSON as stored, so an umlaut counts 2 bytes, not the 6 of an escape.
    private static readonly JsonSerializerOptions Measure = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Largest variable payload in bytes.</summary>
    public long MaxBytes => options.Value.MaxVariableBytes;

    /// <summary>
    /// Largest body read for an endpoint carrying variables: three times the variables (escaping in JSON or in a form
    /// post triples a non-ASCII byte at most) plus room for the rest of the request.
    /// </summary>
    public long MaxBodyBytes => 3 * MaxBytes + 64 * 1024;

    /// <summary>Throws <see cref="VariablesTooLargeException"/> when the variables are larger than the limit.</summary>
    public void Check(object? variables)
    {
        if (variables is null) return;
        var size = JsonSerializer.SerializeToUtf8Bytes(variables, Measure).LongLength;
        if (size > MaxBytes) throw new VariablesTooLargeException(MaxBytes, size);
    }
}

/// <summary>Checks every request that brings variables, whichever endpoint or page sent it.</summary>
internal sealed class VariablePayloadCheck<TMessage, TResponse>(VariablePayloadLimit limit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IVariablePayload, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        limit.Check(message.VariablePayload);
        return next(message, cancellationToken);
    }
}

/// <summary>Bounds the bodies of endpoints marked with <see cref="VariablePayloadAttribute"/>.</summary>
internal static class VariablePayloadMiddleware
{
    public static IApplicationBuilder UseVariablePayloadLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<VariablePayloadAttribute>() is { } payload && !HttpMethods.IsGet(context.Request.Method))
        {
            var limit = context.RequestServices.GetRequiredService<VariablePayloadLimit>();
            var max = limit.MaxBodyBytes;
            if (payload.Files && context.Request.HasFormContentType && context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                max += Features.Documents.DocumentStore.MaxFilesPerForm * context.RequestServices.GetRequiredService<Features.Documents.DocumentStore>().MaxBytes;
            }
            if (context.Request.ContentLength > max) throw new VariablesTooLargeException(limit.MaxBytes, null);
            context.Request.Body = new BoundedStream(context.Request.Body, max, () => new VariablesTooLargeException(limit.MaxBytes, null));
        }
        await next();
    });

    /// <summary>A read-only stream that throws once more than <paramref name="max"/> bytes were read (chunked bodies have no length).</summary>
    private sealed class BoundedStream(Stream inner, long max, Func<Exception> tooLarge) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            read += n;
            if (read > max) throw tooLarge();
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>JSON values of a request body (form values, message and signal payloads) as plain values for the engine.</summary>
internal static class PlainValues
{
    /// <summary>Converts JSON values to plain values (the engine converts them to the declared field types).</summary>
    public static Dictionary<string, object?> From(IReadOnlyDictionary<string, System.Text.Json.JsonElement>? values) =>
        values?.ToDictionary(kv => kv.Key, kv => Automation.Engine.Runtime.Variables.FromJson(kv.Value), StringComparer.Ordinal)
        ?? new Dictionary<string, object?>(StringComparer.Ordinal);
}
