using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>
/// Every endpoint × every role (and anonymous): allowed, 401 or 403, from one table; and every case endpoint × the
/// group dimension: a person of another group is refused where a person of the case's group is served.
/// </summary>
public sealed class RoleMatrixTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string A = "admin", P = "prozess", M = "leitung", J = "jobcenter", C = "sachbearbeitung";
    private static readonly string[] Users = [A, P, M, J, C];
    private static readonly Guid NoCase = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    /// <summary>Method, path, JSON body (or XML for definitions), and the users allowed. Ids point nowhere, so allowed calls change nothing.</summary>
    public static readonly (string Method, string Path, string? Body, string[] Allowed)[] Endpoints =
    [
        ("GET", "/api/definitions", null, [A, P, M]),
        ("POST", "/api/definitions", "<x/>", [A, P]),
        ("POST", "/api/definitions/validate", "<x/>", [A, P]),
        ("GET", "/api/definitions/wohngeldantrag/versions", null, [A, P, M]),
        ("GET", "/api/definitions/1/source", null, [A, P, M]),
        ("POST", "/api/definitions/999999/publish", null, [A, P]),
        ("GET", "/api/definitions/wohngeldantrag/diff?from=1&to=1", null, [A, P, M]),
        ("GET", "/api/definitions/wohngeldantrag/changes?from=1&to=1", null, [A, P, M]),
        ("GET", "/api/connectors", null, [A, P]),
        ("GET", "/api/connectors/element-templates", null, [A, P]),
        ("GET", "/api/drafts", null, [A, P]),
        ("POST", "/api/drafts", null, [A, P]),
        ("GET", "/api/drafts/999999", null, [A, P]),
        ("PUT", "/api/drafts/999999", "<x/>", [A, P]),
        ("DELETE", "/api/drafts/999999", null, [A, P]),
        ("POST", "/api/cases", """{"processId":"gibtsnicht"}""", [A, P, C]),
        ("GET", "/api/cases", null, [A, P, M, C]),
        ("GET", $"/api/cases/{NoCase}", null, [A, P, M, C]),
        ("GET", $"/api/cases/{NoCase}/documents", null, [A, P, M, C]),
        ("GET", $"/api/cases/{NoCase}/decisions", null, [A, P, M, C]),
        ("GET", "/api/decisions", null, [A, P, M]),
        ("GET", "/api/decisions/wohngeldantrag/versions/1/source", null, [A, P, M]),
        ("POST", "/api/decisions/check", "<x/>", [A, P]),
        ("POST", "/api/decisions/test-run", "{\"xml\": \"<x/>\"}", [A, P]),
        ("POST", $"/api/cases/{NoCase}/documents", null, [A, P, C]),
        ("GET", $"/api/cases/{NoCase}/documents/{NoCase}", null, [A, P, M, C]),
        ("POST", $"/api/cases/{NoCase}/cancel", null, [A, P]),
        ("POST", $"/api/cases/{NoCase}/incidents/1/retry", null, [A, P]),
        ("GET", "/api/tasks", null, [A, M, J, C]),
        ("GET", $"/api/tasks/{NoCase}/1", null, [A, M, J, C]),
        ("POST", $"/api/tasks/{NoCase}/1/claim", null, [A, M, J, C]),
        ("POST", $"/api/tasks/{NoCase}/1/release", null, [A, M, J, C]),
        ("POST", $"/api/tasks/{NoCase}/1/complete", """{"values":{}}""", [A, M, J, C]),
        ("POST", $"/api/tasks/{NoCase}/1/reassign", """{"user":"admin"}""", [A, M]),
        ("POST", "/api/external-tasks/fetch-and-lock", """{"workerId":"m","maxTasks":1,"topics":[]}""", [A, P, C]),
        ("POST", "/api/external-tasks/00000000-0000-0000-0000-0000000000aa.1/complete", """{"workerId":"m"}""", [A, P, C]),
        ("POST", "/api/external-tasks/00000000-0000-0000-0000-0000000000aa.1/unlock", null, [A, P, C]),
        ("POST", "/api/external-tasks/00000000-0000-0000-0000-0000000000aa.1/bpmn-error", """{"workerId":"m","errorCode":"E"}""", [A, P, C]),
        ("POST", "/api/external-tasks/00000000-0000-0000-0000-0000000000aa.1/failure", """{"workerId":"m","retries":1}""", [A, P, C]),
        ("POST", "/api/external-tasks/00000000-0000-0000-0000-0000000000aa.1/extend-lock", """{"workerId":"m","newDuration":1000}""", [A, P, C]),
        ("POST", "/engine-rest/external-task/00000000-0000-0000-0000-0000000000aa.1/complete", """{"workerId":"m"}""", [A, P, C]),
        ("POST", "/engine-rest/external-task/00000000-0000-0000-0000-0000000000aa.1/bpmnError", """{"workerId":"m","errorCode":"E"}""", [A, P, C]),
        ("POST", "/engine-rest/external-task/00000000-0000-0000-0000-0000000000aa.1/extendLock", """{"workerId":"m","newDuration":1000}""", [A, P, C]),
        ("POST", "/engine-rest/external-task/00000000-0000-0000-0000-0000000000aa.1/unlock", null, [A, P, C]),
        ("POST", "/engine-rest/external-task/fetchAndLock", """{"workerId":"m","maxTasks":1,"topics":[]}""", [A, P, C]),
        ("POST", "/engine-rest/external-task/00000000-0000-0000-0000-0000000000aa.1/failure", """{"workerId":"m","retries":1}""", [A, P, C]),
        ("POST", "/api/messages", """{"name":"Matrix"}""", [A, P, C]),
        ("POST", "/api/signals", """{"name":"Matrix"}""", [A, P, C]),
        ("GET", "/api/admin/users", null, [A]),
        ("POST", "/api/admin/users", """{"userName":"x","roles":["Unbekannt"]}""", [A]),
        ("GET", "/api/admin/users/niemand", null, [A]),
        ("PATCH", "/api/admin/users/niemand", """{"displayName":"x"}""", [A]),
        ("DELETE", "/api/admin/users/niemand", null, [A]),
        ("POST", "/api/admin/users/niemand/unlock", null, [A]),
        ("POST", "/api/admin/tokens", """{"user":"niemand"}""", [A]),
        ("GET", "/api/secrets", null, [A]),
        ("PUT", "/api/secrets/niemand", """{"value":""}""", [A]),
        ("DELETE", "/api/secrets/niemand", null, [A]),
        ("GET", "/api/outbound-hosts", null, [A]),
        ("POST", "/api/outbound-hosts", """{"host":"https://kein-host"}""", [A]),
        ("DELETE", "/api/outbound-hosts/999999", null, [A]),
        ("GET", "/api/tokens", null, [A, P, M, J, C]),
        ("DELETE", "/api/tokens/999999", null, [A, P, M, J, C]),
        ("GET", "/api/factors", null, [A, P, M]),
        ("GET", "/api/factors/wohngeldantrag", null, [A, P, M]),
        ("POST", "/api/factors", """{"key":"grid.intensity","value":-1}""", [A]),
        ("POST", "/api/factors/recomputation?from=2099-01", null, [A]),
        ("GET", "/api/ledger", null, [A, P, M]),
        ("GET", "/api/ledger/csv", null, [A, P, M]),
        ("GET", $"/api/ledger/cases/{NoCase}", null, [A, P, M]),
        ("POST", "/api/simulation/definitions/999999/run", "{}", [A, P, M]),
        ("POST", "/api/simulation/definitions/999999/forecast", "{}", [A, P, M]),
        ("GET", "/api/simulation/forecasts", null, [A, P, M, J]),
        ("GET", "/api/jobs", null, [A, P, M, J, C]),
        ("GET", $"/api/jobs/{NoCase}", null, [A, P, M, J, C]),
        ("POST", $"/api/jobs/{NoCase}/cancel", null, [A, P, M, J, C]),
        ("GET", $"/api/jobs/{NoCase}/datei", null, [A, P, M, J, C]),
        ("DELETE", "/api/simulation/forecasts/999999", null, [A, P, M]),
        ("GET", "/api/me", null, [A, P, M, J, C]),
        ("GET", "/openapi/v1.json", null, [A, P, M, J, C]),
        ("GET", "/health", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/api/register/999999", null, [A, P, M]),
        ("PUT", "/api/register/999999/steps/wohngeldantrag", "{}", [A, P]),
        ("GET", "/api/audit", null, [A]),
        ("GET", "/api/audit/export.csv", null, [A]),
        ("GET", "/transparenzregister/register.json", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/transparenzregister/register.csv", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/transparenzregister/aenderungen.atom", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/api/occupations?q=7320", null, [A, P, M, J, C]),
        ("PUT", "/api/occupations/73202/substitutability", """{"sharePercent":50,"year":2022}""", [A]),
        ("DELETE", "/api/occupations/73202/substitutability", null, [A]),
        ("POST", "/api/labour/import/{kind}?fileName=x.csv", """{"x":1}""", [A]),
        ("GET", "/api/labour/impact", null, [A, P, M, J]),
        ("POST", "/api/labour/impact/forecast", "[]", [A, P, M, J]),
        ("GET", "/api/labour/roles", null, [A, P, M, J]),
        ("GET", "/api/labour/matches", null, [J]),
        ("GET", "/api/labour/matches/occupation?occupation=73202&targets=73203", null, [A, P, M, J]),
        ("POST", "/api/labour/outcomes", """{"profileId":"x","offerId":"y","status":"accepted"}""", [J]),
        ("GET", "/api/labour/progress", null, [A, M, J]),
        ("GET", "/api/labour/report", null, [A, M, J]),
        ("GET", "/api/labour/report.xlsx", null, [A, M, J]),
        ("GET", "/api/labour/stellen", null, [A]),
        ("PUT", "/api/labour/stellen/4711", """{"kind":"stelle","occupation":"73202","positions":1}""", [A]),
        ("DELETE", "/api/labour/stellen/999999", null, [A]),
        ("PUT", "/api/labour/stellen/keine/1", """{"none":false}""", [A]),
        ("GET", "/api/labour/kschg.xlsx", null, [A]),
        ("GET", "/api/labour/deliveries", null, [A, M, J]),
        ("GET", "/api/labour/deliveries/999999/datei", null, [A, M, J]),
        ("GET", "/api/dashboards/overview", null, [A, M]),
        ("GET", "/api/dashboards/processes/wohngeldantrag", null, [A, M]),
        ("GET", "/api/dashboards/workbook?from=2020-01-01&to=2020-01-31", null, [A, M]),
        ("GET", "/api/reports", null, [A, M]),
        ("GET", "/api/reports/1/datei", null, [A, M]),
        ("PUT", "/api/open-data/processes/wohngeldantrag", """{"public":false}""", [A]),
        ("GET", "/offene-daten", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/offene-daten/spalten.json", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/offene-daten/wohngeldantrag/monatlich.csv", null, [A, P, M, J, C, "anonymous"]),
        ("GET", "/offene-daten/wohngeldantrag/monatlich.json", null, [A, P, M, J, C, "anonymous"]),
    ];

    [Fact]
    public async Task Every_role_and_endpoint_pair_is_allowed_401_or_403_as_the_table_says()
    {
        var failures = new List<string>();
        foreach (var (method, path, body, allowed) in Endpoints)
        {
            foreach (var user in Users.Append<string?>(null))
            {
                using var client = factory.ApiClient(user);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "application/xml" : "application/json");
                var status = (await client.SendAsync(request)).StatusCode;
                var isAllowed = allowed.Contains(user ?? "anonymous");
                var ok = isAllowed
                    ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500
                    : status == (user is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok) failures.Add($"{method} {path} as {user ?? "anonymous"}: {(int)status}, expected {(isAllowed ? "allowed" : user is null ? "401" : "403")}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_api_route_of_the_server_is_in_the_table()
    {
        using var client = factory.ApiClient(A);
        var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToList();
        var covered = Endpoints.Select(e => $"{e.Method} {Normalize(e.Path)}").ToHashSet();
        var missing = documented.Where(d => !covered.Contains(Normalize(d))).ToList();
        Assert.Empty(missing);
    }

    /// <summary>What the group dimension checks of a row.</summary>
    public enum GroupCheck
    {
        /// <summary>Outsiders get 403 or 404; the insider is served (or refused by role, as the first table says).</summary>
        Refused,
        /// <summary>A list: outsiders get 200 without the case, the insider's list has it.</summary>
        Listed,
        /// <summary>A broadcast: outsiders reach no case, the insider reaches the case.</summary>
        Reached,
    }

    /// <summary>Body marker of a row that uploads a file (multipart/form-data, field file) instead of JSON.</summary>
    private const string MultipartFile = "multipart:Notiz.txt";

    private const string InnerClerk = "matrix-innen", OuterClerk = "matrix-aussen", InnerLead = "matrix-leitung-innen", OuterLead = "matrix-leitung-aussen";

    /// <summary>
    /// Case endpoints with {case}, {wait} and {key} of one case of group matrix-gruppe; outsiders belong to another group.
    /// Rows run in order, outsiders first: the insider's calls move the case on (claim, reassign, complete, message).
    /// </summary>
    public static readonly (string Method, string Path, string? Body, GroupCheck Check, string[] Outsiders, string Insider, bool InsiderByRole)[] GroupEndpoints =
    [
        ("GET", "/api/cases", null, GroupCheck.Listed, [OuterClerk], InnerClerk, true),
        ("GET", "/api/cases?businessKey={key}", null, GroupCheck.Listed, [OuterClerk], InnerClerk, true),
        ("GET", "/api/cases/{case}", null, GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("GET", "/api/cases/{case}/documents", null, GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("GET", "/api/cases/{case}/decisions", null, GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("GET", "/api/cases/{case}/documents/{doc}", null, GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("POST", "/api/cases/{case}/documents", MultipartFile, GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("POST", "/api/cases", """{"processId":"matrix-prozess"}""", GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("GET", "/api/tasks", null, GroupCheck.Listed, [OuterClerk, OuterLead], InnerClerk, true),
        ("GET", "/api/tasks/{case}/{wait}", null, GroupCheck.Refused, [OuterClerk, OuterLead], InnerClerk, true),
        ("POST", "/api/tasks/{case}/{wait}/claim", null, GroupCheck.Refused, [OuterClerk, OuterLead], InnerClerk, true),
        ("POST", "/api/tasks/{case}/{wait}/release", null, GroupCheck.Refused, [OuterClerk, OuterLead], InnerClerk, true),
        ("POST", "/api/tasks/{case}/{wait}/reassign", $$"""{"user":"{{InnerClerk}}"}""", GroupCheck.Refused, [OuterClerk, OuterLead], InnerLead, true),
        ("POST", "/api/tasks/{case}/{wait}/complete", """{"values":{}}""", GroupCheck.Refused, [OuterClerk, OuterLead], InnerClerk, true),
        ("POST", "/api/cases/{case}/cancel", null, GroupCheck.Refused, [OuterClerk], InnerClerk, false),
        ("POST", "/api/cases/{case}/incidents/1/retry", null, GroupCheck.Refused, [OuterClerk], InnerClerk, false),
        ("POST", "/api/messages", """{"name":"matrix-prozess Nachweis","correlationKey":"{key}"}""", GroupCheck.Refused, [OuterClerk], InnerClerk, true),
        ("POST", "/api/signals", """{"name":"matrix-prozess Stichtag"}""", GroupCheck.Reached, [OuterClerk], InnerClerk, true),
    ];

    [Fact]
    public async Task Every_case_endpoint_refuses_a_person_of_another_group_and_serves_the_cases_group()
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        await store.SaveAsync(new ServerUser(InnerClerk, InnerClerk, [Roles.Clerk], ["matrix-gruppe"]), null, CancellationToken.None);
        await store.SaveAsync(new ServerUser(OuterClerk, OuterClerk, [Roles.Clerk], ["andere-gruppe"]), null, CancellationToken.None);
        await store.SaveAsync(new ServerUser(InnerLead, InnerLead, [Roles.Manager], ["matrix-gruppe"]), null, CancellationToken.None);
        await store.SaveAsync(new ServerUser(OuterLead, OuterLead, [Roles.Manager], ["andere-gruppe"]), null, CancellationToken.None);
        await TestBpmn.PublishAsync(factory.ApiClient(P), TestBpmn.Department("matrix-prozess", "matrix-gruppe"));
        await TestBpmn.PublishAsync(factory.ApiClient(P), TestBpmn.Department("matrix-andere", "andere-gruppe"));
        var key = "AZ-MATRIX-" + Guid.NewGuid().ToString("N")[..6];
        var caseId = await TestBpmn.StartAsync(factory.ApiClient(A), "matrix-prozess", key);
        var wait = await TestBpmn.FirstTaskAsync(factory.ApiClient(A), caseId);
        var upload = await factory.ApiClient(A).PostAsync($"/api/cases/{caseId}/documents", MultipartBody("Akte.txt"));
        var doc = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        string Fill(string text) => text.Replace("{case}", caseId.ToString(), StringComparison.Ordinal).Replace("{doc}", doc, StringComparison.Ordinal)
            .Replace("{wait}", wait.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{key}", key, StringComparison.Ordinal);

        var failures = new List<string>();
        foreach (var (method, template, bodyTemplate, check, outsiders, insider, insiderByRole) in GroupEndpoints)
        {
            foreach (var user in outsiders.Append(insider))
            {
                using var client = factory.ApiClient(user);
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template));
                if (bodyTemplate is not null)
                {
                    request.Content = bodyTemplate.StartsWith("multipart:", StringComparison.Ordinal)
                        ? MultipartBody(bodyTemplate["multipart:".Length..])
                        : new StringContent(Fill(bodyTemplate), Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var isInsider = user == insider;
                var ok = (check, isInsider) switch
                {
                    (GroupCheck.Listed, false) => status == HttpStatusCode.OK && !body.Contains(caseId.ToString(), StringComparison.Ordinal),
                    (GroupCheck.Listed, true) => status == HttpStatusCode.OK && body.Contains(caseId.ToString(), StringComparison.Ordinal),
                    (GroupCheck.Reached, false) => status == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("cases").GetInt32() == 0,
                    (GroupCheck.Reached, true) => status == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("cases").GetInt32() >= 1,
                    (_, false) => status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                    (_, true) => insiderByRole ? response.IsSuccessStatusCode : status == HttpStatusCode.Forbidden,
                };
                if (!ok) failures.Add($"{method} {template} as {user} ({(isInsider ? "group of the case" : "other group")}): {(int)status} {body}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_case_route_of_the_server_is_in_the_group_table()
    {
        using var client = factory.ApiClient(A);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        string[] caseAreas = ["/api/cases", "/api/tasks", "/api/messages", "/api/signals"];
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => caseAreas.Any(a => p.Name.StartsWith(a, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToList();
        Assert.NotEmpty(documented);
        var covered = GroupEndpoints.Select(e => $"{e.Method} {Normalize(e.Path)}").ToHashSet();
        var missing = documented.Where(d => !covered.Contains(Normalize(d))).ToList();
        Assert.Empty(missing);
    }

    private static MultipartFormDataContent MultipartBody(string fileName) =>
        new() { { new ByteArrayContent("Rückruf erbeten"u8.ToArray()), "file", fileName } };

    /// <summary>Replaces path parameters and concrete ids by a placeholder so table rows match OpenAPI templates.</summary>
    private static string Normalize(string route)
    {
        var path = route.Split('?')[0];
        var parts = path.Split('/').Select(s => s.StartsWith('{') || Guid.TryParse(s, out _) || long.TryParse(s, out _) || Data.ExternalTaskIds.TryParse(s, out _, out _) || s == "wohngeldantrag" || s == "niemand" ? "{}" : s);
        return string.Join('/', parts);
    }
}
