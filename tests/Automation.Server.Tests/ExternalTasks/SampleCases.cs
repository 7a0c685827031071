using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>Cases of the published samples driven to an external step, and worker users of a group, for the worker tests.</summary>
internal static class SampleCases
{
    /// <summary>Plausible form values for every human task on the way to the samples' external steps.</summary>
    public static readonly IReadOnlyDictionary<string, object> Values = new Dictionary<string, object>
    {
        // wohngeldantrag
        ["aktenzeichen"] = "WG-2026-31", ["eingangsdatum"] = "2026-12-01", ["unterlagenVollstaendig"] = true, ["einkommen"] = 900.0,
        ["haushaltsmitglieder"] = 2, ["miete"] = 550.0, ["wohngeld"] = 187.5, ["bescheidart"] = "bewilligung", ["bewilligungszeitraumMonate"] = 12,
        // eingangsrechnung
        ["rechnungsnummer"] = "RE-4711", ["betrag"] = 7500.0, ["faelligAm"] = "2026-12-30", ["sachlichRichtig"] = true, ["rechnerischRichtig"] = true,
        ["freigegeben"] = true, ["angeordnet"] = true, ["haushaltsstelle"] = "1.1.1.01",
        ["fachbereichEmail"] = "fachbereich@stadt.example",
        // gewerbeanmeldung
        ["erlaubnispflichtig"] = false, ["handwerk"] = true, ["betriebsbeginn"] = "2027-01-01", ["gewerbekennziffer"] = "43.22",
    };

    /// <summary>A technical user with the role Clerk in <paramref name="group"/> and an API client with its token.</summary>
    public static async Task<HttpClient> WorkerAsync(ServerFactory factory, string userName, string group)
    {
        var admin = factory.ApiClient("admin");
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "Dienst " + userName, password = "dienst-passwort-1", roles = new[] { "Clerk" }, groups = new[] { group } });
        Assert.True(user.IsSuccessStatusCode || user.StatusCode == HttpStatusCode.Conflict, await user.Content.ReadAsStringAsync());
        return factory.ApiClient(userName);
    }

    /// <summary>Starts a case of the sample and completes its human tasks until it waits at <paramref name="nodeId"/> only for a worker.</summary>
    public static async Task<Guid> StartUntilAsync(ServerFactory factory, string processId, string businessKey, string nodeId,
        IReadOnlyDictionary<string, object>? values = null)
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, processId, businessKey);
        for (var round = 0; round < 20; round++)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                Assert.Contains(detail.GetProperty("waits").EnumerateArray(),
                    w => w.GetProperty("nodeId").GetString() == nodeId && w.GetProperty("kind").GetString() == "ExternalTask");
                return caseId;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values = values ?? Values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException($"{processId} did not reach {nodeId}");
    }
}
