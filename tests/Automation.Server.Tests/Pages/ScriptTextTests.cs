using System.Text.RegularExpressions;
using Automation.Engine.Texts;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// Issue 17 item 3 in the page scripts: what wwwroot/js writes for a person comes from Texte.resx (keys
/// <c>Skript_…</c>, rendered by _SkriptTexte.cshtml and read by texte.js), not from a literal in the script. Every key a
/// script names exists, every key is used, and every page that loads such a script renders the texts before it.
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
