using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Escapes what could start a forged line in a log or an audit value: CR, LF, every other control character and
/// the Unicode line and paragraph separators become visible escapes (<c>\n</c>, <c>\u2028</c>), so a value from a
/// user stays on its own line.
/// </summary>
internal static class LogEncoding
{
    /// <summary>The value with line breaks and control characters escaped; unchanged when it has none.</summary>
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        if (!value.AsSpan().ContainsAny(Escaped)) return value;
        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (!Escaped.Contains(c)) builder.Append(c);
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\t') builder.Append("\\t");
            else builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary><see cref="Encode(string?)"/>, then cut to a column's length.</summary>
    public static string Encode(string? value, int maxLength)
    {
        var encoded = Encode(value);
        return encoded.Length <= maxLength ? encoded : encoded[..maxLength];
    }

    /// <summary>C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(i => (char)i)) + "\u2028\u2029");
}

/// <summary>
/// The server's console log format: one line per entry (<c>level: category[event] message</c>), the message
/// encoded by <see cref="LogEncoding"/>. An exception follows on indented lines, each encoded too, so nothing a
/// user typed can begin a line that looks like an entry of its own.
/// </summary>
internal sealed class EncodedConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(Name)
{
    /// <summary>The formatter's name in <c>Logging:Console:FormatterName</c>.</summary>
    public new const string Name = "encoded";

    private const string ExceptionIndent = "      ";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var line = new StringBuilder();
        if (options.CurrentValue.TimestampFormat is { Length: > 0 } format)
        {
            var now = options.CurrentValue.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            line.Append(now.ToString(format, CultureInfo.InvariantCulture));
        }
        line.Append(Level(logEntry.LogLevel)).Append(": ").Append(LogEncoding.Encode(logEntry.Category))
            .Append('[').Append(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ")
            .Append(LogEncoding.Encode(message));
        if (options.CurrentValue.IncludeScopes && scopeProvider is not null)
        {
            scopeProvider.ForEachScope((scope, builder) => builder.Append(" => ").Append(LogEncoding.Encode(scope?.ToString())), line);
        }
        textWriter.WriteLine(line.ToString());
        if (logEntry.Exception is { } exception)
        {
            foreach (var part in exception.ToString().Split('\n'))
            {
                textWriter.Write(ExceptionIndent);
                textWriter.WriteLine(LogEncoding.Encode(part.TrimEnd('\r')));
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
