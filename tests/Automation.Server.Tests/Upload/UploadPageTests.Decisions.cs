using System.Net;

namespace Automation.Server.Tests.Upload;

/// <summary>A .dmn through the upload page: the DMN reader's findings with lines, no drafts, publication listed under /entscheidungen.</summary>
public sealed partial class UploadPageTests
{
    private const string Decision = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Stufen" namespace="http://example.org">
          <decision id="upload_stufe" name="Upload-Stufe">
            <decisionTable id="t" hitPolicy="FIRST">
              <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="stufe" typeRef="string" />
              <rule id="r1"><inputEntry><text>&lt; 100</text></inputEntry><outputEntry><text>"klein"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    [Fact]
    public async Task A_dmn_file_is_reported_with_its_lines_published_without_drafts_and_listed()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var broken = await UploadAsync(client, Decision.Replace("&lt; 100", "&lt; (", StringComparison.Ordinal), "stufe.dmn");
        var report = await broken.Content.ReadAsStringAsync();
        var row = FindingRow().Matches(report).First(m => m.Groups["sev"].Value.Contains("Fehler", StringComparison.Ordinal));
        Assert.StartsWith("dmn-", row.Groups["code"].Value, StringComparison.Ordinal);
        Assert.True(int.Parse(row.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.DoesNotContain("name=\"aktion\"", report, StringComparison.Ordinal);

        var valid = await (await UploadAsync(client, Decision, "stufe.dmn")).Content.ReadAsStringAsync();
        Assert.Contains("Entscheidungen: upload_stufe", valid, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"entwurf\"", valid, StringComparison.Ordinal);
        // A forged draft request is refused: decisions exist only published.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DecideAsync(client, PendingToken("prozess"), "entwurf")).StatusCode);
        var published = await DecideAsync(client, PendingToken("prozess"), "veroeffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("/entscheidungen", published.Headers.Location!.OriginalString);
        var list = await client.GetStringAsync("/entscheidungen");
        Assert.Contains("upload_stufe", list, StringComparison.Ordinal);
        Assert.Contains("Upload-Stufe", list, StringComparison.Ordinal);
        // The download and edit links name the decision as the table does, not by its key.
        Assert.Contains("DMN<span class=\"visually-hidden\"> von Upload-Stufe Version 1</span>", list, StringComparison.Ordinal);
        Assert.DoesNotContain(" von upload_stufe Version", list, StringComparison.Ordinal);
    }
}
