using System.Text.RegularExpressions;
using System.Xml.Linq;
using Automation.Engine.Texts;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// Issue 17 item 3 in the page scripts: what wwwroot/js writes for a person comes from Texte.resx (keys
/// <c>Skript_…</c>, rendered by _SkriptTexte.cshtml and read by texte.js), not from a literal in the script. Every key a
/// script names exists, every key is used, and every page that loads such a script renders the texts before it. A single
/// word counts too: a literal that is a common German word of the interface or the very text of a Texte.resx entry is a
/// caption written inline (a cell "ja", a badge "offen"), unless it is the key of a <c>Texte(…)</c> call.
/// </summary>
public sealed partial class ScriptTextTests
{
    private static string ScriptFolder => Path.Combine(ServerFactory.RepositoryRoot, "src", "Automation.Server", "wwwroot", "js");

    private static string PagesFolder => Path.Combine(ServerFactory.RepositoryRoot, "src", "Automation.Server", "Features");

    [GeneratedRegex(@"^\s*//[^\n]*|/\*[\s\S]*?\*/", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"'((?:[^'\\\n]|\\.)*)'")]
    private static partial Regex Literal();

    // A key: one PascalCase word, as the scripts name them.
    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z]*)*$")]
    private static partial Regex Key();

    // A sentence or word a person reads: an umlaut, ß or German quotes, or a capitalised word followed by another word.
    [GeneratedRegex(@"[äöüßÄÖÜ„“]|\b[A-ZÄÖÜ][a-zäöüß]+:? [A-Za-zäöüß]{2,}")]
    private static partial Regex ReadText();

    // Either quote: the word check must not depend on the quoting style of a script.
    [GeneratedRegex(@"'((?:[^'\\\n]|\\.)*)'|""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex AnyLiteral();

    /// <summary>Words of the interface a script could show on their own; compared ignoring case, after ":", "." or "…".</summary>
    private static readonly HashSet<string> GermanWords = new(
        """
        ja nein offen erledigt abgeschlossen abgebrochen läuft laufend wartet fehler warnung hinweis speichern gespeichert
        abbrechen löschen gelöscht bearbeiten schließen öffnen zurück weiter suchen suche laden lädt prüfen geprüft keine
        kein leer entwurf neu alle heute gestern morgen minuten stunden tage uhr vorgang vorgänge aufgabe aufgaben prozess
        prozesse schritt schritte wert werte feld felder datei seite fertig fehlgeschlagen veröffentlicht veröffentlichen
        hochladen herunterladen anzeigen ausblenden übernehmen freigeben abschließen ende von bis und oder mit ohne gesamt
        summe eingaben ausgaben ergebnis regel regeln tabelle entscheidung datum zeit bezeichnung rolle aufwand unbekannt
        gültig ungültig wahr falsch aktiv inaktiv bitte automatisiert person
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every value of Texte.resx: a script literal equal to one is a text that belongs in a Skript_ key.</summary>
    private static readonly Lazy<HashSet<string>> ResourceValues = new(() =>
        XDocument.Load(Path.Combine(ServerFactory.RepositoryRoot, "src", "Automation.Engine", "Texts", "Texte.resx")).Root!
            .Elements("data").Select(d => ((string?)d.Element("value"))?.Trim()).OfType<string>().Where(v => v.Length > 0)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>Single German words and texts of Texte.resx a script writes as literals, other than the keys it passes to Texte(…).</summary>
    internal static IEnumerable<string> InlineWords(string script)
    {
        var code = Comment().Replace(script, "");
        var keys = KeyArguments(code);
        foreach (Match m in AnyLiteral().Matches(code))
        {
            if (keys.Any(k => m.Index >= k.Start && m.Index < k.End)) continue;
            var literal = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            var word = literal.Trim().TrimEnd(':', '.', '…').TrimEnd();
            if (GermanWords.Contains(word) || ResourceValues.Value.Contains(literal.Trim())) yield return literal;
        }
    }

    /// <summary>Where the first argument of each Texte(…) call stands (a key, or a choice of keys such as a ? 'X' : 'Y').</summary>
    private static List<(int Start, int End)> KeyArguments(string code)
    {
        var spans = new List<(int, int)>();
        for (var at = code.IndexOf("Texte(", StringComparison.Ordinal); at >= 0; at = code.IndexOf("Texte(", at + 1, StringComparison.Ordinal))
        {
            if (at > 0 && (char.IsLetterOrDigit(code[at - 1]) || code[at - 1] is '_' or '.')) continue;
            var start = at + "Texte(".Length;
            var (i, depth) = (start, 0);
            for (; i < code.Length; i++)
            {
                var c = code[i];
                if (c is '\'' or '"')
                {
                    // Skip the literal, escapes included.
                    for (i++; i < code.Length && code[i] != c; i++) if (code[i] == '\\') i++;
                }
                else if (c is '(' or '[' or '{') depth++;
                else if (c is ')' or ']' or '}' && depth > 0) depth--;
                else if (c is ',' or ')' && depth == 0) break;
            }
            spans.Add((start, i));
        }
        return spans;
    }

    private static IEnumerable<(string File, string Literal)> Literals() =>
        Directory.EnumerateFiles(ScriptFolder, "*.js").SelectMany(file =>
            Literal().Matches(Comment().Replace(File.ReadAllText(file), "")).Select(m => (Path.GetFileName(file), m.Groups[1].Value)));

    /// <summary>The literals of a script a person would read.</summary>
    internal static IEnumerable<string> InlineTexts(string script) =>
        Literal().Matches(Comment().Replace(script, "")).Select(m => m.Groups[1].Value).Where(l => ReadText().IsMatch(l));

    [Theory]
    [InlineData("show('Für diesen Vorgang gibt es kein Diagramm.');")]
    [InlineData("status('Entwurf gespeichert am ' + when);")]
    [InlineData("fail('Nicht veröffentlicht: ' + reason);")]
    [InlineData("list.appendChild(element('li', 'Keine Befunde.'));")]
    public void A_planted_sentence_is_found(string script) => Assert.NotEmpty(InlineTexts(script));

    [Theory]
    [InlineData("show(Texte('VorgangOhneDiagramm'));")]
    [InlineData("statusLine.className = isError ? 'notice error' : 'muted';")]
    [InlineData("fetch('/api/drafts?processId=' + id, { headers: { Accept: 'application/json' } });")]
    [InlineData("// Für diesen Vorgang gibt es kein Diagramm.\nvar x = 1;")]
    public void Keys_code_and_comments_are_left_alone(string script) => Assert.Empty(InlineTexts(script));

    [Theory]
    [InlineData("badge.textContent = 'offen';")]
    [InlineData("cell.textContent = done ? 'ja' : 'nein';")]
    [InlineData("status(\"Gespeichert\");")]
    [InlineData("label.textContent = 'Fehler: ' + message;")]
    [InlineData("head.textContent = 'Zusammenfassung';")]
    [InlineData("who.textContent = 'automatisiert';")]
    [InlineData("Texte('Fehler'); note.textContent = 'Warnung';")]
    public void A_planted_word_is_found(string script) => Assert.NotEmpty(InlineWords(script));

    [Theory]
    [InlineData("text = Texte(d.severity === 'error' ? 'Fehler' : d.severity === 'warning' ? 'Warnung' : 'Hinweis') + ': ' + d.message;")]
    [InlineData("[['', Texte('Leer')], ['true', Texte('Ja')], ['false', Texte('Nein')]].forEach(add);")]
    [InlineData("row.dataset.state = 'open'; fetch('/api/aufgaben', { method: 'POST' });")]
    [InlineData("element('p', Texte('ErgebnisWert', d.value), 'diagnostic-warning');")]
    [InlineData("// offen\nvar x = 'hidden';")]
    public void Keys_and_code_are_no_words(string script) => Assert.Empty(InlineWords(script));

    [Fact]
    public void No_page_script_writes_a_german_word_or_a_text_of_Texte_inline()
    {
        var hits = Directory.EnumerateFiles(ScriptFolder, "*.js")
            .SelectMany(f => InlineWords(File.ReadAllText(f)).Select(t => $"{Path.GetFileName(f)}: '{t}'")).ToList();
        Assert.True(hits.Count == 0, "Move these script words into Texte.resx (Skript_…) and call Texte(…):" + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public void No_page_script_writes_a_sentence_of_its_own()
    {
        var files = Directory.EnumerateFiles(ScriptFolder, "*.js").ToList();
        Assert.True(files.Count >= 5, $"Only {files.Count} scripts found in {ScriptFolder}.");
        var hits = files.SelectMany(f => InlineTexts(File.ReadAllText(f)).Select(t => $"{Path.GetFileName(f)}: '{t}'")).ToList();
        Assert.True(hits.Count == 0, "Move these script texts into Texte.resx (Skript_…):" + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public void Every_key_a_script_names_exists_and_every_script_text_is_used()
    {
        var texts = Texte.Skripttexte();
        // Header names are the only PascalCase literals that are no key.
        var named = Literals().Where(l => Key().IsMatch(l.Literal) && l.Literal is not ("RequestVerificationToken" or "Accept")).ToList();
        Assert.True(named.Count > 30, $"Only {named.Count} keys found in the scripts.");
        var missing = named.Where(l => !texts.ContainsKey(l.Literal)).Select(l => $"{l.File}: {l.Literal}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Texte.resx has no Skript_ key for: " + string.Join(", ", missing));
        var unused = texts.Keys.Except(named.Select(l => l.Literal)).ToList();
        Assert.True(unused.Count == 0, "Skript_ keys no script names: " + string.Join(", ", unused));
    }

    [Fact]
    public void Every_page_that_loads_a_script_with_texts_renders_them_before_it()
    {
        var withTexts = Directory.EnumerateFiles(ScriptFolder, "*.js")
            .Where(f => Path.GetFileName(f) != "texte.js" && File.ReadAllText(f).Contains("Texte(", StringComparison.Ordinal))
            .Select(f => "/js/" + Path.GetFileName(f)).ToList();
        Assert.NotEmpty(withTexts);
        var pages = Directory.EnumerateFiles(PagesFolder, "*.cshtml", SearchOption.AllDirectories).ToList();
        foreach (var script in withTexts)
        {
            var loading = pages.Where(p => File.ReadAllText(p).Contains($"src=\"{script}\"", StringComparison.Ordinal)).ToList();
            Assert.True(loading.Count > 0, $"No page loads {script}.");
            foreach (var page in loading)
            {
                var markup = File.ReadAllText(page);
                var texts = markup.IndexOf("_SkriptTexte", StringComparison.Ordinal);
                Assert.True(texts >= 0 && texts < markup.IndexOf($"src=\"{script}\"", StringComparison.Ordinal),
                    $"{Path.GetFileName(page)} loads {script} without rendering _SkriptTexte before it.");
            }
        }
    }

    [Fact]
    public void The_script_texts_use_only_holes_texte_js_fills()
    {
        // texte.js fills {0}, {1}; a format like {0:P0} or an escaped brace would reach the person as written.
        var texts = Texte.Skripttexte();
        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, t => t.Value.Contains("{{", StringComparison.Ordinal) || Regex.IsMatch(t.Value, @"\{\d+:"));
    }
}
