using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading;

/// <summary>
/// A JSON value that remembers where it starts in the source. JsonDocument keeps no offsets, and diagnostics must
/// name the line of the element they are about.
/// </summary>
internal sealed class JsonItem
{
    private static readonly List<KeyValuePair<string, JsonItem>> NoProperties = [];
    private static readonly List<JsonItem> NoItems = [];

    private readonly List<KeyValuePair<string, JsonItem>>? properties;
    private readonly List<JsonItem>? items;

    public JsonItem(JsonValueKind kind, int offset, string? text = null)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
        if (kind == JsonValueKind.Object) properties = [];
        if (kind == JsonValueKind.Array) items = [];
    }

    /// <summary>The JSON value kind.</summary>
    public JsonValueKind Kind { get; }

    /// <summary>Byte offset of the value's first token in the UTF-8 source.</summary>
    public int Offset { get; }

    /// <summary>Byte offset just past the value's last token.</summary>
    public int End { get; set; }

    /// <summary>A string's value, or a number's literal text.</summary>
    public string? Text { get; }

    /// <summary>Object members in source order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonItem>> Properties => properties ?? NoProperties;

    /// <summary>Array items in source order.</summary>
    public IReadOnlyList<JsonItem> Items => items ?? NoItems;

    /// <summary>The string value, or null for other kinds.</summary>
    public string? String => Kind == JsonValueKind.String ? Text : null;

    /// <summary>A boolean's value, or null for other kinds.</summary>
    public bool? Boolean => Kind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };

    /// <summary>The first member named <paramref name="name"/>, case-insensitively as Elsa's serializer reads it.</summary>
    public JsonItem? Get(string name)
    {
        foreach (var (key, value) in Properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value.Kind == JsonValueKind.Null ? null : value;
        }
        return null;
    }

    /// <summary>The string value of member <paramref name="name"/>, if it is a string.</summary>
    public string? GetString(string name) => Get(name)?.String;

    /// <summary>Scalar value as text: strings, numbers and booleans; null for containers and null.</summary>
    public string? ScalarText => Kind switch
    {
        JsonValueKind.String or JsonValueKind.Number => Text,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    internal void Add(string? name, JsonItem child)
    {
        if (properties is not null) properties.Add(new(name ?? "", child));
        else items?.Add(child);
    }
}

/// <summary>A parsed JSON document with positions, or the diagnostics that stopped parsing.</summary>
internal sealed class PositionedJson
{
    /// <summary>Bytes per block of <see cref="charsBeforeBlock"/>.</summary>
    private const int BlockShift = 9;

    private readonly byte[] utf8;
    private readonly List<int> lineStarts;

    /// <summary>
    /// Characters before each 512-byte block. A column is counted in characters from the line start; on a long line
    /// (minified JSON is one line) counting from there for every position made reading quadratic in the file size.
    /// </summary>
    private readonly int[] charsBeforeBlock;

    private PositionedJson(byte[] utf8, JsonItem root)
    {
        this.utf8 = utf8;
        Root = root;
        lineStarts = LineStarts(utf8);
        charsBeforeBlock = new int[(utf8.Length >> BlockShift) + 1];
        var chars = 0;
        for (var i = 0; i <= utf8.Length; i++)
        {
            if ((i & ((1 << BlockShift) - 1)) == 0) charsBeforeBlock[i >> BlockShift] = chars;
            if (i < utf8.Length && (utf8[i] & 0xC0) != 0x80) chars++;
        }
    }

    /// <summary>The top-level value.</summary>
    public JsonItem Root { get; }

    /// <summary>1-based line and character column of a byte offset.</summary>
    public SourcePosition PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new SourcePosition(line + 1, CharsBefore(offset) - CharsBefore(lineStarts[line]) + 1);
    }

    /// <summary>Characters (UTF-8 sequences started) in the bytes before <paramref name="offset"/>.</summary>
    private int CharsBefore(int offset)
    {
        var block = offset >> BlockShift;
        var chars = charsBeforeBlock[block];
        for (var i = block << BlockShift; i < offset; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80) chars++;
        }
        return chars;
    }

    private static List<int> LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        }
        return starts;
    }

    private static SourcePosition PositionOf(byte[] utf8, List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        // Count characters, not bytes: UTF-8 continuation bytes do not start a character.
        for (var i = lineStarts[line]; i < offset && i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80) column++;
        }
        return new SourcePosition(line + 1, column);
    }

    /// <summary>The source text of a value, e.g. an object literal to hand to the script engine.</summary>
    public string RawText(JsonItem item) => Encoding.UTF8.GetString(utf8, item.Offset, item.End - item.Offset);

    /// <summary>Parses UTF-8 JSON within <paramref name="limits"/>; on failure adds an error and returns null.</summary>
    public static PositionedJson? Parse(byte[] utf8, ReaderLimits limits, string? file, List<Diagnostic> diagnostics)
    {
        var start = utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var maxDepth = Math.Max(1, limits.MaxDepth);
        // The reader's own limit sits one above ours, so the depth error is ours and names the line.
        var reader = new Utf8JsonReader(utf8.AsSpan(start), new JsonReaderOptions
        {
            MaxDepth = maxDepth == int.MaxValue ? maxDepth : maxDepth + 1,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var stack = new Stack<JsonItem>();
        JsonItem? root = null;
        string? pendingName = null;
        var count = 0;
        try
        {
            while (reader.Read())
            {
                var offset = start + (int)reader.TokenStartIndex;
                JsonItem? item = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop().End = offset + 1;
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= maxDepth)
                        {
                            var position = PositionOf(utf8, LineStarts(utf8), offset);
                            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NestingTooDeep,
                                $"JSON is nested deeper than {maxDepth} levels at line {position.Line}", position: position, file: file));
                            return null;
                        }
                        item = new JsonItem(reader.TokenType == JsonTokenType.StartObject ? JsonValueKind.Object : JsonValueKind.Array, offset);
                        break;
                    case JsonTokenType.String:
                        item = new JsonItem(JsonValueKind.String, offset, reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        item = new JsonItem(JsonValueKind.Number, offset, Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                    case JsonTokenType.True:
                        item = new JsonItem(JsonValueKind.True, offset);
                        break;
                    case JsonTokenType.False:
                        item = new JsonItem(JsonValueKind.False, offset);
                        break;
                    case JsonTokenType.Null:
                        item = new JsonItem(JsonValueKind.Null, offset);
                        break;
                }
                if (item is null) continue;
                // ReaderLimits counts JSON objects as elements; values inside them are bounded by MaxBytes.
                if (item.Kind == JsonValueKind.Object && ++count > limits.MaxElements)
                {
                    var position = PositionOf(utf8, LineStarts(utf8), offset);
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TooManyElements,
                        $"JSON has more than {limits.MaxElements.ToString(CultureInfo.InvariantCulture)} objects", position: position, file: file));
                    return null;
                }
                item.End = start + (int)reader.BytesConsumed;
                if (stack.TryPeek(out var parent)) parent.Add(pendingName, item);
                else root = item;
                pendingName = null;
                if (item.Kind is JsonValueKind.Object or JsonValueKind.Array) stack.Push(item);
            }
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var bytePosition = (e.BytePositionInLine ?? 0) + 1;
            // The parser's message ends with its own 0-based position; ours is 1-based.
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MalformedJson,
                $"malformed JSON at line {line}, byte {bytePosition}: {message}",
                position: new SourcePosition((int)line, (int)bytePosition), file: file));
            return null;
        }
        catch (InvalidOperationException e)
        {
            // GetString throws this for strings that are not valid UTF-8 after unescaping.
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MalformedJson, $"malformed JSON: {e.Message}", file: file));
            return null;
        }
        return new PositionedJson(utf8, root!);
    }
}
