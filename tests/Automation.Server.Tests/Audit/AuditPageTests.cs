using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Infrastructure;
using Automation.Server.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Audit;

/// <summary>
/// Issue 17 item 3 on the audit page: before and after of an entry read as a German definition list (German labels,
/// de-DE values, no JSON escapes, no English keys), while the API and the CSV keep the stored JSON for programs.
/// </summary>
public sealed partial class AuditPageTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    /// <summary>The rows of the page's table whose object cell (entity id) is <paramref name="entityId"/>.</summary>
    private static List<string> RowsOf(string page, string entityId) =>
        [.. Row().Matches(page).Select(m => m.Value).Where(r => r.Contains($"<td><code>{entityId}</code></td>", StringComparison.Ordinal))];

    /// <summary>What a person reads in a fragment: the text outside tags, code (stored keys and ids) left out.</summary>
    private static string Read(string fragment) => WebUtility.HtmlDecode(Tag().Replace(Code().Replace(fragment, " "), " "));

    [Fact]
    public async Task A_real_change_of_roles_and_groups_reads_german_labels_and_values_and_no_english_key()
    {
        using var admin = factory.ApiClient("admin");
        (await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "protokoll-de", displayName = "Frieda Gebühr", roles = new[] { "Clerk" }, groups = new[] { "kasse" }, password = "geheim-12345" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("/api/admin/users/protokoll-de",
            new { roles = new[] { "Clerk", "Manager" }, groups = new[] { "kasse", "buergerbuero" }, active = false })).StatusCode);

        var page = await (await factory.LoginAsync("admin", "admin-secret-1")).GetStringAsync("/verwaltung/protokoll?kind=user&entityId=protokoll-de");
        var rows = RowsOf(page, "protokoll-de");
        Assert.Equal(2, rows.Count);
        var update = rows[0];
        Assert.Contains("<dt>Rollen</dt>", update, StringComparison.Ordinal);
        Assert.Contains("<dt>Gruppen</dt>", update, StringComparison.Ordinal);
        Assert.Contains("<dt>Anzeigename</dt>", update, StringComparison.Ordinal);
        // Roles by their German names, lists joined, yes/no for flags, umlauts as they are.
        var read = Read(update);
        Assert.Contains("Sachbearbeitung, Leitung", read, StringComparison.Ordinal);
        Assert.Contains("kasse, buergerbuero", read, StringComparison.Ordinal);
        Assert.Contains("Frieda Gebühr", read, StringComparison.Ordinal);
        Assert.Matches(@"Aktiv\s+ja[\s\S]*Aktiv\s+nein", read);
        foreach (var key in new[] { "roles", "groups", "displayName", "userName", "active", "passwordChanged" })
        {
            Assert.DoesNotContain(key, update, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Manager", read, StringComparison.Ordinal);
        Assert.Empty(EnglishWords.Hits(read));
        Assert.Empty(EnglishWords.Escapes(update));

        // Programs keep the stored JSON: the API and the CSV carry the keys and role codes.
        var stored = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=user&entityId=protokoll-de")).EnumerateArray().First();
        Assert.Contains("\"roles\":[\"Clerk\",\"Manager\"]", stored.GetProperty("after").GetString(), StringComparison.Ordinal);
        var csv = await admin.GetStringAsync("/api/audit/export.csv?kind=user&entityId=protokoll-de");
        Assert.Contains("displayName", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_with_an_unknown_key_still_renders_showing_the_key_as_stored()
    {
        using (var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
        {
            db.AuditLog.Add(new Automation.Data.Schema.AuditEntryRecord
            {
                At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Actor = "system", EntityKind = "user", EntityId = "protokoll-unbekannt", Action = "update",
                BeforeJson = """{"kuenftigesFeld":"Geb\u00FChr <b>fett</b>","roles":["Admin"],"anzahl":1234.5,"verschachtelt":{"tiefer":[{"name":"x"}]},"leer":[],"nichts":null,"address":"127.0.0.1","riskClass":"none"}""",
                AfterJson = "[1,2]",
            });
            await db.SaveChangesAsync();
        }

        var page = await (await factory.LoginAsync("admin", "admin-secret-1")).GetStringAsync("/verwaltung/protokoll?kind=user&entityId=protokoll-unbekannt");
        var row = Assert.Single(RowsOf(page, "protokoll-unbekannt"));
        // Unknown keys in code, as stored; known ones German; the value decoded (no \u escape) and still HTML-encoded.
        Assert.Contains("<dt><code>kuenftigesFeld</code></dt>", row, StringComparison.Ordinal);
        Assert.Contains("<dt><code>verschachtelt</code></dt>", row, StringComparison.Ordinal);
        Assert.Contains("<dt>Name</dt>", row, StringComparison.Ordinal);
        Assert.Contains("Gebühr &lt;b&gt;fett&lt;/b&gt;", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>fett", row, StringComparison.Ordinal);
        Assert.Empty(EnglishWords.Escapes(row));
        var read = Read(row);
        Assert.Contains("Administration", read, StringComparison.Ordinal);
        Assert.Contains("1.234,5", read, StringComparison.Ordinal);
        Assert.Contains("keine", read, StringComparison.Ordinal);
        // An address as code; a register choice by the label the register's form shows.
        Assert.Contains("<dt>IP-Adresse</dt>", row, StringComparison.Ordinal);
        Assert.Contains("<dd><code>127.0.0.1</code></dd>", row, StringComparison.Ordinal);
        Assert.Contains("kein KI-System", read, StringComparison.Ordinal);
        // A state that is no object (a list) shows its values.
        Assert.Contains("1, 2", read, StringComparison.Ordinal);
        Assert.Empty(EnglishWords.Hits(read));
    }

    [GeneratedRegex(@"<tr>\s*<td>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<code>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
