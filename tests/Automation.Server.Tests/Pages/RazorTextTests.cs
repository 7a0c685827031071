using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// Issue 17 item 3 in the pages: the text a person reads on a page — text between tags, a title, label, placeholder or
/// alternative text — comes from Texte.resx, not from the markup. Read from what the Razor compiler made of the pages
/// (the string literals of the compiled views in the server assembly), so a text in markup, in a tag helper's attribute
/// or in a C# expression of the page is found alike, and nothing the page reads from Texte is.
/// </summary>
public sealed partial class RazorTextTests
{
    // Codes and units that are the same in every language and stay in the markup.
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "API", "BPMN", "DMN", "CSV", "JSON", "PDF", "XLSX", "ODS", "SCI", "CO2e", "gCO2e", "kgCO2e", "tCO2e", "kWh", "Wh", "SGB", "III",
        "KldB", "OpenAPI", "Elsa", "Camunda", "ID", "OK", "E-Mail", "Token", "Bearer", "SVG", "PNG", "XML", "HTTP", "SMTP", "URL", "SHA",
        "BITV", "ISO", "KI", "IT", "EU", "DSGVO", "MIME", "SHA-256", "de-DE",
    };

    // Attributes whose value a person reads (or hears through a screen reader).
    [GeneratedRegex("""\b(?:title|aria-label|aria-description|placeholder|alt)\s*=\s*"([^"@]*)""")]
    private static partial Regex ReadAttribute();

    // Tags, and what a <code> element holds: a name or sample written as the program reads it.
    [GeneratedRegex("<code>.*?</code>|<[^<>]*>?|^[^<>]*>")]
    private static partial Regex Tag();

    // Entities, and a path written as text (a link that shows its address).
    [GeneratedRegex("&[a-zA-Z]+;|&#[0-9]+;|(?<![\\w])/[\\w\\-./]*")]
    private static partial Regex Entity();

    [GeneratedRegex(@"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß0-9\-]+")]
    private static partial Regex Word();

    /// <summary>The words of a markup fragment a person reads that are not codes: text outside tags and read attributes.</summary>
    internal static IEnumerable<string> ReadWords(string fragment)
    {
        if (!IsMarkup(fragment)) return [];
        var read = ReadAttribute().Matches(fragment).Select(m => m.Groups[1].Value)
            .Append(Tag().Replace(fragment, " "));
        return read.SelectMany(text => Word().Matches(Entity().Replace(text, " ")).Select(w => w.Value)).Where(w => !Codes.Contains(w));
    }

    private static bool IsMarkup(string literal) => literal.Contains('<', StringComparison.Ordinal) || literal.Contains('>', StringComparison.Ordinal);

    /// <summary>
    /// A literal that is not markup (a tag helper's attribute, a C# string of the page): a person reads it when it has
    /// an umlaut, or several words one of which is capitalised, and is no path. Single words are handler names, keys and
    /// partial views, except the page title (see <see cref="ReadTexts"/>).
    /// </summary>
    internal static bool IsReadText(string literal) =>
        !IsMarkup(literal) && !literal.Contains('/', StringComparison.Ordinal) && !Technical().IsMatch(literal)
        && Word().Matches(literal).Where(w => !Codes.Contains(w.Value)).ToList() is { Count: > 0 } words
        && (words.Any(w => w.Value.IndexOfAny(['ä', 'ö', 'ü', 'ß', 'Ä', 'Ö', 'Ü']) >= 0)
            || (words.Count > 1 && words.Any(w => char.IsUpper(w.Value[0]))));

    // A type or resource key name (dots or underscores, no space), or a date format pattern.
    [GeneratedRegex(@"^(?:[\w.]*[._][\w.]*|[dMyHhms.: ]+)$")]
    private static partial Regex Technical();

    /// <summary>The literals of a compiled view a person reads; the one after "Title" is the page title, one word or more.</summary>
    internal static IEnumerable<string> ReadTexts(IReadOnlyList<string> literals)
    {
        for (var i = 0; i < literals.Count; i++)
        {
            var title = i > 0 && literals[i - 1] == "Title" && !IsMarkup(literals[i]) && Word().Matches(literals[i]).Any(w => !Codes.Contains(w.Value));
            if (title || ReadWords(literals[i]).Any() || IsReadText(literals[i])) yield return literals[i];
        }
    }

    [Theory]
    [InlineData("<h1>Vorgänge</h1>")]
    [InlineData("</th><th scope=\"col\">Fällig")]
    [InlineData("<button type=\"submit\" class=\"button\">Übernehmen</button>")]
    [InlineData("<nav aria-label=\"Hauptnavigation\">")]
    [InlineData("<input type=\"search\" placeholder=\"Suchen\" ")]
    [InlineData("Seite von")]
    [InlineData("Prüfen")]
    public void Planted_markup_text_is_found(string fragment) => Assert.Single(ReadTexts([fragment]));

    [Fact]
    public void A_page_title_of_one_word_is_found() => Assert.Equal(["Prozesse"], ReadTexts(["Title", "Prozesse"]));

    [Fact]
    public void Markup_after_a_title_from_Texte_is_no_title() => Assert.Empty(ReadTexts(["Title", "<h1>"]));

    [Theory]
    [InlineData("<h1>")]
    [InlineData("</td>\n                <td class=\"number\">")]
    [InlineData("<a class=\"button secondary\" href=\"/entscheidungen/editor\">")]
    [InlineData("<td>DMN<span class=\"visually-hidden\">")]
    [InlineData(" (gCO2e)")]
    [InlineData("button secondary")]
    [InlineData("/api/decisions/")]
    [InlineData("<a href=\"/offene-daten\">/offene-daten</a>,")]
    [InlineData("<code>{{secret:zahlungssystem-schluessel}}</code>")]
    [InlineData("Save")]
    [InlineData("MMMM yyyy")]
    [InlineData("dd.MM.yyyy")]
    [InlineData("Microsoft.AspNetCore.Mvc.TagHelpers.FormTagHelper")]
    [InlineData("Registerfeld_humanRoute")]
    [InlineData("_RoleFields")]
    [InlineData("href=\"")]
    public void Markup_without_read_text_is_left_alone(string fragment) => Assert.Empty(ReadTexts([fragment]));

    [Fact]
    public void No_page_writes_a_text_of_its_own()
    {
        var assembly = typeof(Program).Assembly;
        var views = assembly.GetTypes().Where(t => t.Namespace == "AspNetCoreGeneratedDocument").ToList();
        Assert.True(views.Count > 40, $"Only {views.Count} compiled views found in {assembly.Location}.");
        var hits = new List<string>();
        foreach (var view in views)
        {
            hits.AddRange(ReadTexts([.. Literals(view)]).Distinct(StringComparer.Ordinal)
                .Select(literal => $"{view.Name}: {literal.Trim().ReplaceLineEndings(" ")}"));
        }
        Assert.True(hits.Count == 0, "Move these page texts into src/Automation.Engine/Texts/Texte.resx:" + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The string literals (<c>ldstr</c>) of every method a compiled view declares, nested types included.</summary>
    private static IEnumerable<string> Literals(Type view)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new[] { view }.Concat(view.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        foreach (var method in types.SelectMany(t => t.GetMethods(declared).Cast<MethodBase>().Concat(t.GetConstructors(declared))))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null) continue;
            for (var i = 0; i < il.Length;)
            {
                var op = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
                i += op.Size;
                if (op == OpCodes.Ldstr) yield return method.Module.ResolveString(BitConverter.ToInt32(il, i));
                i += OperandSize(op, il, i);
            }
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
