using System.Globalization;
using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading;

/// <summary>Bounded reading of untrusted sources and character decoding that honours BOM and XML declaration.</summary>
internal static class SourceInput
{
    private const int ChunkSize = 81_920;

    /// <summary>Reads the rest of the stream, or returns null with a diagnostic when it exceeds the limit.</summary>
    public static byte[]? ReadBounded(Stream stream, string? fileName, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        try
        {
            // A seekable stream tells its size up front, so an oversized file is refused without reading it.
            if (stream.CanSeek && stream.Length - stream.Position > limits.MaxBytes)
            {
                diagnostics.Add(TooLarge(stream.Length - stream.Position, fileName, limits));
                return null;
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkSize];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > limits.MaxBytes)
                {
                    diagnostics.Add(TooLarge(null, fileName, limits));
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (IOException ex)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IoError, "cannot read source: " + ex.Message, file: fileName));
            return null;
        }
    }

    /// <summary>The error for a source beyond <see cref="ReaderLimits.MaxBytes"/>.</summary>
    public static Diagnostic TooLarge(long? size, string? fileName, ReaderLimits limits) =>
        Diagnostic.Error(DiagnosticCodes.FileTooLarge,
            size is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"source is {s} bytes, more than the limit of {limits.MaxBytes} bytes")
                : string.Create(CultureInfo.InvariantCulture, $"source is more than the limit of {limits.MaxBytes} bytes"),
            file: fileName);

    /// <summary>
    /// Decodes XML bytes: a byte order mark wins, else the encoding declaration, else UTF-8.
    /// Returns null with a diagnostic for an unknown encoding or bytes invalid in it.
    /// </summary>
    public static string? DecodeXml(byte[] bytes, string? fileName, List<Diagnostic> diagnostics)
    {
        var (encoding, preamble) = DetectBom(bytes);
        if (encoding is null)
        {
            var declared = DeclaredEncoding(bytes);
            encoding = declared is null ? StrictUtf8 : StrictEncoding(declared);
            if (encoding is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidEncoding,
                    $"unknown character encoding \"{declared}\" in the XML declaration", position: new SourcePosition(1, 1), file: fileName));
                return null;
            }
        }
        try
        {
            return encoding.GetString(bytes, preamble, bytes.Length - preamble);
        }
        catch (DecoderFallbackException ex)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidEncoding,
                string.Create(CultureInfo.InvariantCulture, $"bytes at offset {preamble + ex.Index} are not valid {encoding.WebName}"), file: fileName));
            return null;
        }
    }

    /// <summary>The first character that is not white space, after any byte order mark; null for an empty source.</summary>
    public static char? FirstSignificantChar(byte[] bytes)
    {
        var (encoding, preamble) = DetectBom(bytes);
        // Without a BOM the formats we sniff (XML, JSON) start with ASCII in every encoding they may declare.
        encoding ??= Encoding.Latin1;
        var head = encoding.GetString(bytes, preamble, Math.Min(bytes.Length - preamble, 4096));
        foreach (var c in head)
        {
            if (!char.IsWhiteSpace(c)) return c;
        }
        return null;
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    private static (Encoding? Encoding, int Preamble) DetectBom(byte[] b) => b switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), 2),
        _ => (null, 0),
    };

    /// <summary>The encoding name of an ASCII-compatible XML declaration, if any.</summary>
    private static string? DeclaredEncoding(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 512));
        if (!head.StartsWith("<?xml", StringComparison.Ordinal)) return null;
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        if (end < 0) return null;
        var decl = head[..end];
        var at = decl.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = decl[(at + "encoding".Length)..].TrimStart();
        if (rest.Length < 2 || rest[0] != '=') return null;
        rest = rest[1..].TrimStart();
        if (rest.Length < 2 || (rest[0] != '"' && rest[0] != '\'')) return null;
        var close = rest.IndexOf(rest[0], 1);
        return close < 0 ? null : rest[1..close];
    }

    /// <summary>An encoding by name that throws on invalid bytes; Windows code pages without registering a global provider.</summary>
    private static Encoding? StrictEncoding(string name)
    {
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return StrictUtf8;
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }
}
