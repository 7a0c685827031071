using System.Text;
using Automation.Data.Documents;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Documents;

/// <summary>
/// Case documents on each provider: kept within their case, refused before anything is written when they break a rule,
/// stored once per idempotency key, and gone with the case's data when its retention period ends.
/// </summary>
public abstract class CaseDocumentsContractTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="akte" isExecutable="true" am:retention="P30D">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% Bescheid\n%%EOF\n");

    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private async Task<(WorkflowHost Host, MovableClock Clock)> StartAsync()
    {
        var clock = new MovableClock();
        var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions
        {
            RunScheduler = false,
            Clock = clock,
            CaseRetention = new RetentionPeriod(12, 0),
            WorkerPseudonymKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        });
        var deploy = await host.DeployAsync(Bpmn, "akte.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        return (host, clock);
    }

    private static CaseDocuments Store(WorkflowHost host, TimeProvider clock, long maxBytes = 10 * 1024 * 1024) =>
        new(host.Database, new CaseDocumentLimits { MaxBytes = maxBytes }, clock);

    private static Task<long> CountAsync(WorkflowHost host) => Durability.DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM case_documents");

    [Fact]
    public async Task A_document_is_read_only_under_its_own_case()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var store = Store(host, clock);
        var a = (await host.StartCaseAsync("akte", null, "AZ-A")).CaseId;
        var b = (await host.StartCaseAsync("akte", null, "AZ-B")).CaseId;
        var doc = await store.AddAsync(new NewCaseDocument(a, "Bescheid.pdf", Pdf, CaseDocumentKinds.Received, "mueller"));

        Assert.Equal("application/pdf", doc.MediaType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), doc.ContentHash);
        Assert.Equal(Pdf, (await store.ReadAsync(a, doc.Id))!.Value.Content);
        Assert.Null(await store.ReadAsync(b, doc.Id));
        Assert.Null(await store.FindAsync(b, doc.Id));
        Assert.False(await store.DeleteAsync(b, doc.Id));
        Assert.Empty(await store.ListAsync(b));
        Assert.Single(await store.ListAsync(a));
    }

    [Theory]
    [InlineData("gross.pdf", "size", CaseDocuments.TooLargeCode)]
    [InlineData("programm.exe", "exe", "document-type-not-allowed")]
    [InlineData("ohne-endung", "pdf", "document-type-not-allowed")]
    [InlineData("getarnt.pdf", "exe", "document-content-mismatch")]
    [InlineData("getarnt.png", "pdf", "document-content-mismatch")]
    [InlineData("binaer.txt", "binary", "document-content-mismatch")]
    [InlineData("leer.pdf", "empty", "document-empty")]
    public async Task A_refused_file_names_itself_and_the_reason_and_writes_nothing(string name, string content, string code)
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var store = Store(host, clock, maxBytes: 100);
        var caseId = (await host.StartCaseAsync("akte")).CaseId;
        byte[] bytes = content switch
        {
            "size" => [.. Pdf, .. new byte[101 - Pdf.Length]],
            "exe" => Encoding.ASCII.GetBytes("MZ\u0090\0\u0003 this program cannot be run"),
            "binary" => [0x41, 0x00, 0x42],
            "empty" => [],
            _ => Pdf,
        };
        var e = await Assert.ThrowsAsync<DocumentRefusedException>(() => store.AddAsync(new NewCaseDocument(caseId, name, bytes, CaseDocumentKinds.Upload, "mueller")));
        Assert.Equal(code, e.Code);
        Assert.Contains($"„{name}“", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host));
    }

    [Fact]
    public async Task The_size_message_never_shows_a_file_just_over_the_limit_as_equal_to_it()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var store = Store(host, clock, maxBytes: 10 * 1024 * 1024);
        var e = store.TooLarge("scan.pdf", 10 * 1024 * 1024 + 1);
        Assert.Contains("10,1 MB groß", e.Message, StringComparison.Ordinal);
        Assert.Contains("höchstens 10 MB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_idempotency_key_stores_one_document()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var store = Store(host, clock);
        var caseId = (await host.StartCaseAsync("akte")).CaseId;
        var first = await store.AddAsync(new NewCaseDocument(caseId, "Bescheid.pdf", Pdf, CaseDocumentKinds.Generated, "system", "erzeugen", "key-1"));
        var again = await store.AddAsync(new NewCaseDocument(caseId, "Bescheid.pdf", [.. Pdf, (byte)'\n'], CaseDocumentKinds.Generated, "system", "erzeugen", "key-1"));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await CountAsync(host));
    }

    [Fact]
    public async Task A_document_for_an_unknown_case_is_refused()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store(host, clock).AddAsync(new NewCaseDocument(Guid.NewGuid(), "a.pdf", Pdf, CaseDocumentKinds.Received, "x")));
        Assert.Equal(0, await CountAsync(host));
    }

    [Fact]
    public async Task Documents_go_with_the_case_when_its_retention_period_ends_and_no_new_one_can_be_added()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var store = Store(host, clock);
        var ended = await host.StartCaseAsync("akte", null, "AZ-ALT");
        var task = Assert.Single(ended.State.Waits);
        await store.AddAsync(new NewCaseDocument(ended.CaseId, "Antrag.pdf", Pdf, CaseDocumentKinds.Upload, "mueller", "pruefen"));
        await store.AddAsync(new NewCaseDocument(ended.CaseId, "Notiz.txt", "Rückruf am Montag"u8.ToArray(), CaseDocumentKinds.Upload, "mueller", "pruefen"));
        await host.ClaimTaskAsync(ended.CaseId, task.Id, "mueller");
        Assert.Equal(CaseStatus.Completed, (await host.CompleteTaskAsync(ended.CaseId, task.Id, null, "mueller")).Status);
        var running = (await host.StartCaseAsync("akte", null, "AZ-NEU")).CaseId;
        await store.AddAsync(new NewCaseDocument(running, "Antrag.pdf", Pdf, CaseDocumentKinds.Upload, "mueller"));

        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await host.PurgeExpiredCasesAsync()).Cases);
        Assert.Equal(3, await CountAsync(host));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await host.PurgeExpiredCasesAsync()).Cases);
        Assert.Empty(await store.ListAsync(ended.CaseId));
        Assert.Single(await store.ListAsync(running));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            store.AddAsync(new NewCaseDocument(ended.CaseId, "spaet.pdf", Pdf, CaseDocumentKinds.Received, "x")));
        Assert.Equal(1, await CountAsync(host));
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData(@"C:\Windows\System32\evil.pdf", "evil.pdf")]
    [InlineData("..", "dokument")]
    [InlineData(".bashrc.txt", "bashrc.txt")]
    [InlineData("a\r\nContent-Type: text/html\r\n.pdf", "html.pdf")]
    [InlineData("a\r\nX-Injected: 1.pdf", "aX-Injected 1.pdf")]
    [InlineData("\"quoted\";name.pdf", "quotedname.pdf")]
    [InlineData("Bescheid Müßig €.pdf", "Bescheid Müßig €.pdf")]
    [InlineData("rechts\u202Efdp.exe", "rechtsfdp.exe")]
    public void File_names_lose_paths_controls_and_header_characters(string given, string stored) =>
        Assert.Equal(stored, CaseDocuments.CleanFileName(given));
}

/// <summary>Case documents on SQLite.</summary>
public sealed class SqliteCaseDocumentsTests : CaseDocumentsContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>Case documents on PostgreSQL (private cluster).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresCaseDocumentsTests(PostgresServer server) : CaseDocumentsContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("documents")));
}
