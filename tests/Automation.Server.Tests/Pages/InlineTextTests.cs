using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// Issue 17 item 3 at the source: a sentence the server or Data hands to a person — an exception mapped to Problem
/// Details, <c>ProblemResults.Of</c>, an input problem, a page's error, notice or TempData message — comes from
/// Texte.resx, never from a literal next to the code. The page sweep reads what pages render; this finds the error
/// texts no sweep provokes. Technical exceptions (argument checks, invalid operations) and log templates stay English.
/// </summary>
public sealed partial class InlineTextTests
{
    // Where a text for a person starts. Programming errors (Argument…, InvalidOperation…) are not for people.
    [GeneratedRegex(@"new (?!(?:Argument|ArgumentNull|ArgumentOutOfRange|InvalidOperation|NotSupported|Unreachable|MissingManifestResource|Format|ObjectDisposed|NotImplemented|Json|Xml|InvalidData|Timeout|OperationCanceled|Http|IO)Exception\b)\w*Exception\(|ProblemResults\.Of\(|TempData\[[^\]]*\]\s*=|\bErrors\s*=\s*\[|\bNotice\s*=|AddModelError\(|\bError\s*=\s*new\b|InputProblem\(|(?<![\w.\[(])Message\s*=\s*(?=\$?"")|\bStatus\s*=\s*(?=\$?"")")]
    private static partial Regex TextSink();

    // The statement ends at ';' or where a fluent endpoint chain goes on to its OpenAPI summary.
    [GeneratedRegex(@";|\.With(?:Summary|Name|Tags|Description)\(")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"\$?@?""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex Literal();

    // Two words: a sentence in any language; placeholders removed first, so "{0} {1}" is no sentence.
    [GeneratedRegex(@"[A-Za-zÄÖÜäöüß]{2,}[,:]? [A-Za-zÄÖÜäöüß]{2,}")]
    private static partial Regex Words();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Hole();

    [GeneratedRegex("//[^\n]*")]
    private static partial Regex LineComment();

    /// <summary>The literal sentences handed to a person in one C# source text.</summary>
    internal static IEnumerable<string> InlineTexts(string source)
    {
        var code = LineComment().Replace(source, "");
        foreach (Match sink in TextSink().Matches(code))
        {
            var lineStart = code.LastIndexOf('\n', sink.Index) + 1;
            if (code.AsSpan(lineStart, sink.Index - lineStart).Contains("LoggerMessage", StringComparison.Ordinal)) continue;
            var end = StatementEnd().Match(code, sink.Index + sink.Length);
            var statement = code[(sink.Index + sink.Length)..(end.Success ? end.Index : code.Length)];
            foreach (Match literal in Literal().Matches(statement))
            {
                if (Words().IsMatch(Hole().Replace(literal.Groups[1].Value, ""))) yield return literal.Value;
            }
        }
    }

    [Theory]
    [InlineData("""throw new BadInputException("name", "Der Name darf nicht leer sein.");""")]
    [InlineData("""?? throw new NotFoundException($"Vorgang {id} ist unbekannt.");""")]
    [InlineData("""throw new StorageException($"{what} is read-only.", e);""")]
    [InlineData("return ProblemResults.Of(StatusCodes.Status404NotFound, \"not-found\",\n    $\"Es gibt keinen Bericht {id}.\");")]
    [InlineData("""yield return new InputProblem("to", "Das Ende liegt vor dem Anfang.");""")]
    [InlineData("""TempData["status"] = "Gespeichert und veröffentlicht.";""")]
    [InlineData("""Message = $"Diese Seite gibt es nicht: {e.Message}";""")]
    [InlineData("""Errors = ["Bitte eine Definitionsversion wählen."];""")]
    [InlineData("throw new BadInputException(\"user\", $\"Die Person '{to}' gehört zu keinem Postkorb, \"\n    + \"oder ist deaktiviert.\");")]
    public void The_search_finds_a_planted_inline_text(string source) => Assert.NotEmpty(InlineTexts(source));

    [Theory]
    [InlineData("""throw new BadInputException("name", Texte.NameLeer);""")]
    [InlineData("""throw new ArgumentException("The period ends before it starts.", nameof(to));""")]
    [InlineData("""throw new NotFoundException(Texte.Format(Texte.VorgangUnbekannt, id));""")]
    [InlineData("""[LoggerMessage(Level = LogLevel.Warning, Message = "Demo user '{User}' created")]""")]
    [InlineData("""throw new BadInputException("file", "{0} {1}");""")]
    public void The_search_leaves_resource_texts_technical_exceptions_and_logs_alone(string source) => Assert.Empty(InlineTexts(source));

    [Fact]
    public void Server_and_data_hand_no_inline_sentence_to_a_person()
    {
        var root = ServerFactory.RepositoryRoot;
        var files = new[] { "src/Automation.Server", "src/Automation.Data" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 200, $"Only {files.Count} source files found under {root}.");
        var hits = files.SelectMany(f => InlineTexts(File.ReadAllText(f)).Select(t => $"{Path.GetRelativePath(root, f)}: {t}")).ToList();
        Assert.True(hits.Count == 0, "Move these texts into src/Automation.Engine/Texts/Texte.resx:" + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }
}
