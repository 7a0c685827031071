using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Connectors;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// Secrets: stored encrypted, read back only by the store, never in an API answer, the page, the audit log or the
/// database file in plain text; the key ring is in the database, so a restarted server and a second node read them.
/// </summary>
public sealed class SecretTests
{
    private const string Value = "Pw-9qT!x7Lm#2Vz-geheim";

    /// <summary>A server on a folder it does not own: several on one folder are nodes of one cluster, or a restart.</summary>
    private sealed class Node(string folder) : ServerFactory(folder, ownsFolder: false);

    private static byte[] DatabaseBytes(string folder)
    {
        using var buffer = new MemoryStream();
        foreach (var file in Directory.GetFiles(folder, "automation.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(buffer);
        }
        return buffer.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;

    [Fact]
    public async Task The_value_appears_in_no_answer_page_audit_entry_or_database_file_and_a_second_node_and_a_restart_read_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "am-secrets-" + Guid.NewGuid().ToString("N"));
        try
        {
            string protectedValue;
            using (var first = new Node(folder))
            using (var second = new Node(folder))
            {
                using var admin = first.ApiClient("admin");
                var created = await admin.PutAsJsonAsync("/api/secrets/smtp-passwort", new { value = Value });
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
                var replaced = await admin.PutAsJsonAsync("/api/secrets/smtp-passwort", new { value = Value + "-neu" });
                Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
                await admin.PutAsJsonAsync("/api/secrets/smtp-passwort", new { value = Value });
                var answers = await created.Content.ReadAsStringAsync() + await replaced.Content.ReadAsStringAsync()
                    + await admin.GetStringAsync("/api/secrets")
                    + await admin.GetStringAsync("/api/audit?kind=secret")
                    + await admin.GetStringAsync("/api/audit/export.csv?kind=secret");
                Assert.Contains("smtp-passwort", answers, StringComparison.Ordinal);
                Assert.DoesNotContain(Value, answers, StringComparison.Ordinal);

                var browser = await first.LoginAsync("admin", "admin-secret-1");
                var page = await browser.GetStringAsync("/verwaltung/geheimnisse");
                Assert.Contains("smtp-passwort", page, StringComparison.Ordinal);
                Assert.DoesNotContain(Value, page, StringComparison.Ordinal);

                using (var context = first.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
                {
                    var audit = await context.AuditLog.Where(a => a.EntityKind == "secret").ToListAsync();
                    Assert.Equal(["create", "replace", "replace"], audit.Select(a => a.Action));
                    Assert.All(audit, a => Assert.DoesNotContain(Value, a.BeforeJson + a.AfterJson + a.Reason, StringComparison.Ordinal));
                    protectedValue = (await context.Secrets.SingleAsync(s => s.Name == "smtp-passwort")).Protected;
                    Assert.DoesNotContain(Value, protectedValue, StringComparison.Ordinal);
                    Assert.NotEmpty(await context.DataProtectionKeys.ToListAsync());
                }
                Assert.False(Contains(DatabaseBytes(folder), Value), "the plain value is in the database file");

                // Another node (its own key ring cache and store) decrypts what the first stored.
                Assert.Equal(Value, await second.Services.GetRequiredService<ISecretStore>().GetAsync("smtp-passwort", CancellationToken.None));
                Assert.Null(await second.Services.GetRequiredService<ISecretStore>().GetAsync("gibt-es-nicht", CancellationToken.None));
            }
            // The key ring lives in the database, not in the key folder.
            Assert.Empty(Directory.Exists(Path.Combine(folder, "keys")) ? Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml") : []);
            using var restarted = new Node(folder);
            Assert.Equal(Value, await restarted.Services.GetRequiredService<ISecretStore>().GetAsync("smtp-passwort", CancellationToken.None));
            using var admin2 = restarted.ApiClient("admin");
            Assert.Equal(HttpStatusCode.NoContent, (await admin2.DeleteAsync("/api/secrets/smtp-passwort")).StatusCode);
            Assert.Null(await restarted.Services.GetRequiredService<ISecretStore>().GetAsync("smtp-passwort", CancellationToken.None));
            var again = await admin2.DeleteAsync("/api/secrets/smtp-passwort");
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite pools may still hold the file for a moment.
            }
        }
    }

    [Theory]
    [InlineData("smtp passwort", "x", "name")]
    [InlineData("schlüssel", "x", "name")]
    [InlineData("..%2F..%2Fetc", "x", "name")]
    [InlineData("ok-name", "", "value")]
    public async Task Bad_names_and_empty_values_are_refused_naming_the_field(string name, string value, string field)
    {
        using var factory = new ServerFactory();
        using var admin = factory.ApiClient("admin");
        var response = await admin.PutAsJsonAsync("/api/secrets/" + Uri.EscapeDataString(name), new { value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>("/api/secrets") ?? []);
    }
}
