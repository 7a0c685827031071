using System.Text;

namespace Automation.Server.Connectors.Http;

/// <summary>Bytes of one connector call over all its attempts and redirects.</summary>
internal sealed class WireCounter
{
    /// <summary>Where the counter rides on the request.</summary>
    public static readonly HttpRequestOptionsKey<WireCounter> Key = new("automation.wire-counter");

    /// <summary>The counter of a call whose requests a client library builds itself (the language-model client).</summary>
    public static readonly AsyncLocal<WireCounter?> Ambient = new();

    private long sent;
    private long received;

    public long Sent => Interlocked.Read(ref sent);

    public long Received => Interlocked.Read(ref received);

    public void AddSent(long bytes) => Interlocked.Add(ref sent, bytes);

    public void AddReceived(long bytes) => Interlocked.Add(ref received, bytes);
}

/// <summary>
/// Counts what each attempt sends and receives, as far as HttpClient tells: request line, headers and body length;
/// status line, headers and the declared body length (a body without a length is counted by the connector as it
/// reads it). Sits inside the resilience handler, so every retry is counted.
/// </summary>
internal sealed class WireMeasuringHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(WireCounter.Key, out var counter)) counter = WireCounter.Ambient.Value;
        if (counter is not null) counter.AddSent(RequestBytes(request));
        var response = await base.SendAsync(request, cancellationToken);
        if (counter is not null) counter.AddReceived(ResponseBytes(response));
        return response;
    }

    private static long RequestBytes(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        long bytes = Encoding.ASCII.GetByteCount($"{request.Method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\n\r\n");
        bytes += HeaderBytes(request.Headers);
        if (request.Content is { } content) bytes += HeaderBytes(content.Headers) + (content.Headers.ContentLength ?? 0);
        return bytes;
    }

    private static long ResponseBytes(HttpResponseMessage response)
    {
        long bytes = Encoding.ASCII.GetByteCount($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n\r\n");
        bytes += HeaderBytes(response.Headers) + HeaderBytes(response.Content.Headers) + (response.Content.Headers.ContentLength ?? 0);
        return bytes;
    }

    private static long HeaderBytes(System.Net.Http.Headers.HttpHeaders headers) =>
        headers.NonValidated.Sum(h => Encoding.UTF8.GetByteCount(h.Key) + 4L + h.Value.Sum(v => Encoding.UTF8.GetByteCount(v) + 2L) - (h.Value.Count > 0 ? 2 : 0));
}
