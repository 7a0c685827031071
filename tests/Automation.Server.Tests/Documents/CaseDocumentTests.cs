using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Documents;

/// <summary>People, processes and helpers the document tests share.</summary>
internal static class DocumentFixture
{
    public const string Password = "geheim-genug-1";
    public const string Wohngeld = "doc-wohngeld", Gewerbe = "doc-gewerbe", Nachweis = "doc-nachweis";
    public const string WgGroup = "doc-wg-gruppe", GwGroup = "doc-gw-gruppe";

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% Nachweis\n%%EOF\n");

    /// <summary>A task whose form asks for a file (required) and a note.</summary>
    public static readonly string WithFileField = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_Nachweis" targetNamespace="urn:test">
          <bpmn:process id="{Nachweis}" name="Nachweis einreichen" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:userTask id="Hochladen" name="Nachweis hochladen">
              <bpmn:extensionElements>
                <am:role name="{WgGroup}"/>
                <am:field id="nachweis" label="Nachweis" type="file" required="true"/>
                <am:field id="notiz" label="Notiz" type="string"/>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Pruefen" name="Nachweis prüfen"><bpmn:extensionElements><am:role name="{WgGroup}"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Hochladen"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Hochladen" targetRef="Pruefen"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Pruefen" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ServerFactory, Lazy<Task>> Prepared = new();

    /// <summary>Users and processes, once per server: saving a user again would end its sessions (new security stamp).</summary>
    public static Task SetUpAsync(ServerFactory factory) => Prepared.GetOrAdd(factory, f => new Lazy<Task>(() => CreateAsync(f))).Value;

    private static async Task CreateAsync(ServerFactory factory)
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        await store.SaveAsync(new ServerUser("doc-wg", "doc-wg", [Roles.Clerk], [WgGroup]), Password, CancellationToken.None);
        await store.SaveAsync(new ServerUser("doc-gw", "doc-gw", [Roles.Clerk], [GwGroup]), Password, CancellationToken.None);
        var owner = factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Wohngeld, WgGroup));
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Gewerbe, GwGroup));
        await TestBpmn.PublishAsync(owner, WithFileField);
    }

    public static MultipartFormDataContent File(string fileName, byte[] content, string field = "file", string mediaType = "application/octet-stream")
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        if (!fileName.Contains('"', StringComparison.Ordinal)) return new MultipartFormDataContent { { part, field, fileName } };
        // HttpClient refuses a quote in a file name; a hostile client sends it escaped in the quoted string anyway.
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"{fileName.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        return new MultipartFormDataContent { part };
    }

    public static async Task<long> CountAsync(ServerFactory factory, Guid? caseId = null)
    {
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using var connection = await host.Database.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = caseId is null ? "SELECT COUNT(*) FROM case_documents" : "SELECT COUNT(*) FROM case_documents WHERE case_id = @c";
        if (caseId is { } id)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@c";
            p.Value = id.ToString();
            cmd.Parameters.Add(p);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ServerFactory, string), Lazy<Task<HttpClient>>> Browsers = new();

    /// <summary>One logged-in browser per user and server: the login's rate limit counts every attempt.</summary>
    public static Task<HttpClient> BrowserAsync(ServerFactory factory, string user) =>
        Browsers.GetOrAdd((factory, user), key => new Lazy<Task<HttpClient>>(() => key.Item1.LoginAsync(key.Item2, Password))).Value;

    public static async Task<JsonElement> UploadAsync(HttpClient client, Guid caseId, string fileName, byte[] content)
    {
        var response = await client.PostAsync($"/api/cases/{caseId}/documents", File(fileName, content));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// Documents of a case through the API and the case page, attacked: other departments, ids of other cases, path and
/// header tricks in file names, wrong formats. Every refusal must leave nothing stored.
/// </summary>
public sealed class CaseDocumentTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => DocumentFixture.SetUpAsync(factory);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Admin => factory.ApiClient("admin");

    [Fact]
    public async Task An_upload_is_listed_and_downloads_byte_for_byte_as_an_attachment()
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var clerk = factory.ApiClient("doc-wg");
        var stored = await DocumentFixture.UploadAsync(clerk, caseId, "Mietvertrag Müller.pdf", DocumentFixture.Pdf);
        Assert.Equal("received", stored.GetProperty("kind").GetString());
        Assert.Equal("application/pdf", stored.GetProperty("mediaType").GetString());
        Assert.Equal("doc-wg", stored.GetProperty("createdBy").GetString());

        var list = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents");
        var entry = Assert.Single(list.EnumerateArray());
        Assert.Equal("Mietvertrag Müller.pdf", entry.GetProperty("fileName").GetString());

        var download = await clerk.GetAsync(entry.GetProperty("download").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(DocumentFixture.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Mietvertrag Müller.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task A_clerk_of_another_department_cannot_list_download_or_add_and_gets_404_like_the_case_page()
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var doc = (await DocumentFixture.UploadAsync(Admin, caseId, "Bescheid.pdf", DocumentFixture.Pdf)).GetProperty("id").GetGuid();
        var outsider = factory.ApiClient("doc-gw");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{caseId}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{caseId}/documents/{doc}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/cases/{caseId}/documents", DocumentFixture.File("fremd.pdf", DocumentFixture.Pdf))).StatusCode);
        Assert.Equal(1, await DocumentFixture.CountAsync(factory, caseId));

        var browser = await DocumentFixture.BrowserAsync(factory, "doc-gw");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/vorgaenge/{caseId}")).StatusCode);
        var page = await browser.GetAsync($"/vorgaenge/{caseId}/dokumente/{doc}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("%PDF", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync($"/api/cases/{caseId}/documents/{doc}")).StatusCode);
    }

    [Fact]
    public async Task A_document_id_of_another_case_under_this_case_address_is_unknown_even_to_an_administrator()
    {
        var mine = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var other = await TestBpmn.StartAsync(Admin, DocumentFixture.Gewerbe);
        var foreign = (await DocumentFixture.UploadAsync(Admin, other, "Gewerbe.pdf", DocumentFixture.Pdf)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/cases/{mine}/documents/{foreign}")).StatusCode);
        var clerk = await DocumentFixture.BrowserAsync(factory, "doc-wg");
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/vorgaenge/{mine}/dokumente/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/api/cases/{other}/documents/{foreign}")).StatusCode);
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData(@"..\..\Windows\win.ini.txt", "win.ini.txt")]
    // The quote arrives escaped with a backslash, which counts as a path separator: only what follows it stays.
    [InlineData("Bericht\";name=x.txt", "name=x.txt")]
    [InlineData("Bericht;name=x.txt", "Berichtname=x.txt")]
    public async Task Path_and_header_tricks_in_file_names_are_neutralised(string given, string expected)
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var stored = await DocumentFixture.UploadAsync(Admin, caseId, given, "Hallo"u8.ToArray());
        Assert.Equal(expected, stored.GetProperty("fileName").GetString());
        var download = await Admin.GetAsync(stored.GetProperty("download").GetString());
        var header = string.Join(";", download.Content.Headers.GetValues("Content-Disposition"));
        Assert.DoesNotContain("/", header, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", header, StringComparison.Ordinal);
        Assert.DoesNotContain("..", header.Replace("utf-8''", "", StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
        Assert.Equal(expected, download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("setup.exe", "document-type-not-allowed")]
    [InlineData("rechnung.pdf.exe", "document-type-not-allowed")]
    [InlineData("seite.html", "document-type-not-allowed")]
    [InlineData("getarnt.pdf", "document-content-mismatch")]
    [InlineData("getarnt.docx", "document-content-mismatch")]
    public async Task Files_of_other_formats_or_disguised_ones_are_refused_naming_the_file_and_nothing_is_stored(string name, string reason)
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var response = await Admin.PostAsync($"/api/cases/{caseId}/documents", DocumentFixture.File(name, Encoding.ASCII.GetBytes("MZ\u0090 <script>alert(1)</script>")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("document-refused", problem.GetProperty("code").GetString());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal(name, problem.GetProperty("fileName").GetString());
        Assert.Contains($"„{name}“", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
    }

    [Fact]
    public async Task An_upload_without_a_file_or_to_an_unknown_case_is_refused()
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var noFile = await Admin.PostAsync($"/api/cases/{caseId}/documents", new MultipartFormDataContent { { new StringContent("x"), "notiz" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/api/cases/{Guid.NewGuid()}/documents", DocumentFixture.File("a.pdf", DocumentFixture.Pdf))).StatusCode);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
    }

    [Fact]
    public async Task The_case_page_lists_the_documents_with_their_download_links()
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var doc = (await DocumentFixture.UploadAsync(Admin, caseId, "Gehaltsnachweis <Mai>.pdf", DocumentFixture.Pdf)).GetProperty("id").GetGuid();
        var clerk = await DocumentFixture.BrowserAsync(factory, "doc-wg");
        var html = await clerk.GetStringAsync($"/vorgaenge/{caseId}");
        Assert.Contains("Dokumente", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/vorgaenge/{caseId}/dokumente/{doc}\"", html, StringComparison.Ordinal);
        Assert.Contains("Gehaltsnachweis Mai.pdf", html, StringComparison.Ordinal);
        Assert.Contains("eingegangen", html, StringComparison.Ordinal);
        var download = await clerk.GetAsync($"/vorgaenge/{caseId}/dokumente/{doc}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(DocumentFixture.Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_field_in_a_task_form_stores_the_document_on_the_case_and_the_variable_describes_it()
    {
        var (caseId, waitId, browser) = await ClaimedUploadTaskAsync();
        var response = await PostTaskAsync(browser, caseId, waitId, "Nachweis März.pdf", DocumentFixture.Pdf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var detail = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var variable = detail.GetProperty("variables").GetProperty("nachweis");
        Assert.Equal("Nachweis März.pdf", variable.GetProperty("name").GetString());
        Assert.Equal(DocumentFixture.Pdf.Length, variable.GetProperty("size").GetInt32());
        Assert.Equal("application/pdf", variable.GetProperty("mediaType").GetString());
        var docs = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents");
        var doc = Assert.Single(docs.EnumerateArray());
        Assert.Equal(variable.GetProperty("id").GetString(), doc.GetProperty("id").GetString());
        Assert.Equal("upload", doc.GetProperty("kind").GetString());
        Assert.Equal("Hochladen", doc.GetProperty("nodeId").GetString());
        Assert.Equal("doc-wg", doc.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task A_refused_file_in_a_task_form_keeps_the_task_open_and_stores_nothing()
    {
        var (caseId, waitId, browser) = await ClaimedUploadTaskAsync();
        var response = await PostTaskAsync(browser, caseId, waitId, "virus.pdf", Encoding.ASCII.GetBytes("MZ nicht wirklich ein PDF"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("virus.pdf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
        Assert.Equal(waitId, await TestBpmn.FirstTaskAsync(Admin, caseId));
    }

    [Fact]
    public async Task A_task_form_without_the_required_file_is_refused_and_stores_nothing()
    {
        var (caseId, waitId, browser) = await ClaimedUploadTaskAsync();
        var response = await PostTaskAsync(browser, caseId, waitId, null, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("„Nachweis“ ist ein Pflichtfeld", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
        Assert.Equal(waitId, await TestBpmn.FirstTaskAsync(Admin, caseId));
    }

    [Fact]
    public async Task A_file_field_completed_through_the_api_must_name_a_document_of_this_case()
    {
        var (caseId, waitId, _) = await ClaimedUploadTaskAsync();
        var clerk = factory.ApiClient("doc-wg");
        var text = await clerk.PostAsJsonAsync($"/api/tasks/{caseId}/{waitId}/complete", new { values = new { nachweis = "../../etc/passwd" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Contains("Nachweis", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var other = await TestBpmn.StartAsync(Admin, DocumentFixture.Wohngeld);
        var foreign = await DocumentFixture.UploadAsync(Admin, other, "Fremd.pdf", DocumentFixture.Pdf);
        var forged = new { id = foreign.GetProperty("id").GetString(), name = "Fremd.pdf", size = 26, mediaType = "application/pdf" };
        var response = await clerk.PostAsJsonAsync($"/api/tasks/{caseId}/{waitId}/complete", new { values = new { nachweis = forged } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("nachweis", problem.GetProperty("field").GetString());
        Assert.Equal(waitId, await TestBpmn.FirstTaskAsync(Admin, caseId));

        var own = await DocumentFixture.UploadAsync(clerk, caseId, "Eigen.pdf", DocumentFixture.Pdf);
        var mine = new { id = own.GetProperty("id").GetString(), name = "Eigen.pdf", size = 26, mediaType = "application/pdf" };
        var done = await clerk.PostAsJsonAsync($"/api/tasks/{caseId}/{waitId}/complete", new { values = new { nachweis = mine } });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_clerk_of_another_department_posting_a_file_to_the_task_form_stores_nothing()
    {
        var (caseId, waitId, _) = await ClaimedUploadTaskAsync();
        var outsider = await DocumentFixture.BrowserAsync(factory, "doc-gw");
        var token = ServerFactory.AntiforgeryToken(await outsider.GetStringAsync("/aufgaben"));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(DocumentFixture.Pdf), "v.nachweis", "Fremd.pdf" },
        };
        var response = await outsider.PostAsync($"/aufgaben/{caseId}/{waitId}?handler=Complete", form);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
        Assert.Equal(waitId, await TestBpmn.FirstTaskAsync(Admin, caseId));
    }

    [Fact]
    public async Task A_file_field_on_a_start_event_is_refused_at_publishing_naming_the_element()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
              <bpmn:process id="doc-startdatei" isExecutable="true">
                <bpmn:startEvent id="Antrag_Start"><bpmn:extensionElements><am:field id="scan" label="Scan" type="file"/></bpmn:extensionElements></bpmn:startEvent>
                <bpmn:endEvent id="End"/>
                <bpmn:sequenceFlow id="F1" sourceRef="Antrag_Start" targetRef="End"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var response = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=t.bpmn", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var finding = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray()
            .Single(d => d.GetProperty("elementId").GetString() == "Antrag_Start");
        Assert.Equal("invalid-annotation", finding.GetProperty("code").GetString());
    }

    private async Task<(Guid CaseId, long WaitId, HttpClient Browser)> ClaimedUploadTaskAsync()
    {
        var caseId = await TestBpmn.StartAsync(Admin, DocumentFixture.Nachweis);
        var waitId = await TestBpmn.FirstTaskAsync(Admin, caseId);
        var claim = await factory.ApiClient("doc-wg").PostAsync($"/api/tasks/{caseId}/{waitId}/claim", null);
        Assert.True(claim.IsSuccessStatusCode, await claim.Content.ReadAsStringAsync());
        return (caseId, waitId, await DocumentFixture.BrowserAsync(factory, "doc-wg"));
    }

    internal static async Task<HttpResponseMessage> PostTaskAsync(HttpClient browser, Guid caseId, long waitId, string? fileName, byte[]? content)
    {
        var page = await browser.GetStringAsync($"/aufgaben/{caseId}/{waitId}");
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", page, StringComparison.Ordinal);
        var form = new MultipartFormDataContent
        {
            { new StringContent(ServerFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("eingereicht"), "v.notiz" },
        };
        if (fileName is not null && content is not null) form.Add(new ByteArrayContent(content), "v.nachweis", fileName);
        return await browser.PostAsync($"/aufgaben/{caseId}/{waitId}?handler=Complete", form);
    }
}

/// <summary>The size limit (configured small here): a file over it is refused by the API and the task form, nothing stored.</summary>
public sealed class SmallDocumentLimitFactory : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:Documents:MaxBytes", "1000")];
}

public sealed class CaseDocumentLimitTests(SmallDocumentLimitFactory factory) : IClassFixture<SmallDocumentLimitFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => DocumentFixture.SetUpAsync(factory);

    public Task DisposeAsync() => Task.CompletedTask;

    private static byte[] PdfOf(int size) => [.. DocumentFixture.Pdf, .. new byte[size - DocumentFixture.Pdf.Length]];

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_refused_with_413_naming_it_and_one_at_the_limit_is_stored()
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, DocumentFixture.Wohngeld);
        var response = await admin.PostAsync($"/api/cases/{caseId}/documents", DocumentFixture.File("Scan.pdf", PdfOf(1001)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("document-too-large", problem.GetProperty("code").GetString());
        Assert.Contains("„Scan.pdf“", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));

        await DocumentFixture.UploadAsync(admin, caseId, "Scan.pdf", PdfOf(1000));
        Assert.Equal(1, await DocumentFixture.CountAsync(factory, caseId));
    }

    [Fact]
    public async Task An_oversize_file_in_a_task_form_is_refused_and_the_task_stays_open()
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, DocumentFixture.Nachweis);
        var waitId = await TestBpmn.FirstTaskAsync(admin, caseId);
        Assert.True((await factory.ApiClient("doc-wg").PostAsync($"/api/tasks/{caseId}/{waitId}/claim", null)).IsSuccessStatusCode);
        var browser = await DocumentFixture.BrowserAsync(factory, "doc-wg");
        var response = await CaseDocumentTests.PostTaskAsync(browser, caseId, waitId, "Scan.pdf", PdfOf(5000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Scan.pdf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await DocumentFixture.CountAsync(factory, caseId));
        Assert.Equal(waitId, await TestBpmn.FirstTaskAsync(admin, caseId));
    }
}
