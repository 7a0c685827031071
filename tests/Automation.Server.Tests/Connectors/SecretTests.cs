using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Connectors;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
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
    private sealed class Node(string folder, params KeyValuePair<string, string?>[] settings) : ServerFactory(folder, ownsFolder: false)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "am-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void Remove(string folder)
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

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted_and_every_node_still_reads_the_secret()
    {
        var folder = NewFolder();
        try
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=automation-keyring", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var pfx = Path.Combine(folder, "keyring.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "zertifikat-pw"));
            KeyValuePair<string, string?>[] settings = [new(ConnectorServices.CertificatePathKey, pfx), new(ConnectorServices.CertificatePasswordKey, "zertifikat-pw")];
            using var first = new Node(folder, settings);
            using var second = new Node(folder, settings);
            using var admin = first.ApiClient("admin");
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/secrets/api-schluessel", new { value = Value })).StatusCode);
            using (var context = first.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
            {
                var keys = await context.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
                Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
            }
            Assert.Equal(Value, await second.Services.GetRequiredService<ISecretStore>().GetAsync("api-schluessel", CancellationToken.None));
        }
        finally
        {
            Remove(folder);
        }
    }

    [Fact]
    public async Task Keys_of_the_former_key_folder_are_taken_over_so_earlier_cookies_stay_valid()
    {
        var folder = NewFolder();
        try
        {
            var keys = Path.Combine(folder, "keys");
            var former = new ServiceCollection();
            former.AddDataProtection().SetApplicationName("Automation.Server").PersistKeysToFileSystem(new DirectoryInfo(keys));
            string token;
            await using (var provider = former.BuildServiceProvider())
            {
                token = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sitzung").Protect("angemeldet");
            }
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
            using var node = new Node(folder);
            Assert.Equal("angemeldet", node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sitzung").Unprotect(token));
            using var context = node.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
            Assert.Single(await context.DataProtectionKeys.ToListAsync());
        }
        finally
        {
            Remove(folder);
        }
    }

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
