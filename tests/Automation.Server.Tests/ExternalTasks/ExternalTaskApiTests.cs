using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>
/// External task workers over HTTP: the server's API and the Camunda-7-shaped one, with API tokens; the topic rule,
/// the lock holder rule and bad requests tried as an attacker would.
/// </summary>
public sealed class ExternalTaskApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    internal static string Meldung(string processId, string topic, string group) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:am="urn:automation:bpmn:1" id="d_{processId}" targetNamespace="urn:t">
          <bpmn:error id="err_{processId}" errorCode="NICHT_GEMELDET" />
          <bpmn:process id="{processId}" name="Meldung {processId}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="xmeld" name="Rückmeldung (XMeld)" camunda:type="external" camunda:topic="{topic}">
              <bpmn:extensionElements>
                <am:role name="{group}" />
                <camunda:inputOutput><camunda:inputParameter name="behoerde">{"${frueher}"}</camunda:inputParameter></camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="unbekannt" attachedToRef="xmeld"><bpmn:errorEventDefinition errorRef="err_{processId}" /></bpmn:boundaryEvent>
            <bpmn:userTask id="pruefen" name="Quittung prüfen"><bpmn:extensionElements><am:role name="{group}" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="klaeren" name="Klären"><bpmn:extensionElements><am:role name="{group}" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:endEvent id="end2" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="xmeld" />
            <bpmn:sequenceFlow id="f2" sourceRef="xmeld" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f3" sourceRef="pruefen" targetRef="end" />
            <bpmn:sequenceFlow id="f4" sourceRef="unbekannt" targetRef="klaeren" />
            <bpmn:sequenceFlow id="f5" sourceRef="klaeren" targetRef="end2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static object Fetch(string worker, string topic, long timeout = 0, int max = 10) =>
        new { workerId = worker, maxTasks = max, asyncResponseTimeout = timeout, topics = new[] { new { topicName = topic, lockDuration = 60_000 } } };

    /// <summary>Publishes the process and creates a technical user of the group with a token.</summary>
    internal static async Task<HttpClient> SetUpAsync(ServerFactory factory, string processId, string topic, string group, string workerUser)
    {
        var admin = factory.ApiClient("admin");
        var published = await admin.PostAsync($"/api/definitions?publish=true&fileName={processId}.bpmn&overrideReason=Test", TestBpmn.Xml(Meldung(processId, topic, group)));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { userName = workerUser, displayName = "Dienst " + workerUser, password = "dienst-passwort-1", roles = new[] { "Clerk" }, groups = new[] { group } });
        Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync());
        return factory.ApiClient(workerUser);
    }

    [Fact]
    public async Task A_worker_of_the_steps_group_fetches_and_completes_and_the_case_moves_on()
    {
        var worker = await SetUpAsync(factory, "meldung-api", "xmeld-api", "meldewesen-api", "xmeld-dienst-api");
        var caseId = await TestBpmn.StartAsync(factory.ApiClient("admin"), "meldung-api", variables: new { frueher = "Stadt Kassel" });

        var fetched = await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("w1", "xmeld-api"));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var task = Assert.Single((await fetched.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(caseId, task.GetProperty("caseId").GetGuid());
        Assert.Equal("Stadt Kassel", task.GetProperty("inputs").GetProperty("behoerde").GetString());
        Assert.Equal("w1", task.GetProperty("workerId").GetString());

        var done = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/complete",
            new { workerId = "w1", variables = new { quittung = "OK-1", anzahl = 3 } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Contains("OK-1", detail.ToString(), StringComparison.Ordinal);
        Assert.Contains("pruefen", detail.GetProperty("waits").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_of_other_groups_unknown_topics_and_connector_topics_are_refused_naming_the_topic()
    {
        await SetUpAsync(factory, "meldung-gruppe", "xmeld-gruppe", "meldewesen-gruppe", "xmeld-dienst-gruppe");
        var stranger = factory.ApiClient("sachbearbeitung");
        var refused = await stranger.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("w", "xmeld-gruppe"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("xmeld-gruppe", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await factory.ApiClient("admin").PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("w", "gibt-es-nicht"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("gibt-es-nicht", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid-input", problem.GetProperty("code").GetString());

        var manager = factory.ApiClient("leitung");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("w", "xmeld-gruppe"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", Fetch("w", "xmeld-gruppe"))).StatusCode);

        foreach (var bad in new object[]
        {
            new { maxTasks = 1, topics = new[] { new { topicName = "xmeld-gruppe", lockDuration = 1000 } } },
            new { workerId = "w", maxTasks = 0, topics = new[] { new { topicName = "xmeld-gruppe", lockDuration = 1000 } } },
            new { workerId = "w", maxTasks = 1, topics = new[] { new { topicName = "xmeld-gruppe", lockDuration = 0 } } },
            new { workerId = "w", maxTasks = 1, topics = Array.Empty<object>() },
        })
        {
            var response = await factory.ApiClient("admin").PostAsJsonAsync("/api/external-tasks/fetch-and-lock", bad);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_users_worker_cannot_complete_a_task_by_sending_the_same_worker_id()
    {
        var worker = await SetUpAsync(factory, "meldung-fremd", "xmeld-fremd", "meldewesen-fremd", "xmeld-dienst-fremd");
        await TestBpmn.StartAsync(factory.ApiClient("admin"), "meldung-fremd", variables: new { frueher = "X" });
        var task = Assert.Single((await (await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("gleich", "xmeld-fremd")))
            .Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        var id = task.GetProperty("id").GetString();

        var admin = factory.ApiClient("admin");
        var hijack = await admin.PostAsJsonAsync($"/api/external-tasks/{id}/complete", new { workerId = "gleich" });
        Assert.Equal(HttpStatusCode.Conflict, hijack.StatusCode);
        var clerk = factory.ApiClient("sachbearbeitung");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/external-tasks/{id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsJsonAsync("/api/external-tasks/kein-schluessel/complete", new { workerId = "gleich" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsJsonAsync($"/api/external-tasks/{id}/complete", new { workerId = "gleich" })).StatusCode);
        var again = await worker.PostAsJsonAsync($"/api/external-tasks/{id}/complete", new { workerId = "gleich" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_long_poll_returns_the_task_that_is_created_while_it_waits()
    {
        var worker = await SetUpAsync(factory, "meldung-lang", "xmeld-lang", "meldewesen-lang", "xmeld-dienst-lang");
        var poll = worker.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", Fetch("w", "xmeld-lang", timeout: 20_000));
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        var caseId = await TestBpmn.StartAsync(factory.ApiClient("admin"), "meldung-lang", variables: new { frueher = "Y" });
        var response = await poll;
        var task = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(caseId.ToString("D"), task.GetProperty("processInstanceId").GetString());
        Assert.Equal("xmeld", task.GetProperty("activityId").GetString());
        Assert.Equal("xmeld-lang", task.GetProperty("topicName").GetString());
        var behoerde = task.GetProperty("variables").GetProperty("behoerde");
        Assert.Equal("String", behoerde.GetProperty("type").GetString());
        Assert.Equal("Y", behoerde.GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_camunda_shape_completes_with_typed_variables_and_reports_bpmn_errors_and_failures()
    {
        var worker = await SetUpAsync(factory, "meldung-c7", "xmeld-c7", "meldewesen-c7", "xmeld-dienst-c7");
        var admin = factory.ApiClient("admin");
        var first = await TestBpmn.StartAsync(admin, "meldung-c7", variables: new { frueher = "A" });
        var second = await TestBpmn.StartAsync(admin, "meldung-c7", variables: new { frueher = "B" });
        var third = await TestBpmn.StartAsync(admin, "meldung-c7", variables: new { frueher = "C" });
        var tasks = (await (await worker.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", Fetch("c7", "xmeld-c7")))
            .Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(t => t.GetProperty("processInstanceId").GetString()!, t => t.GetProperty("id").GetString());
        Assert.Equal(3, tasks.Count);

        var bad = await worker.PostAsJsonAsync($"/engine-rest/external-task/{tasks[first.ToString("D")]}/complete",
            new { workerId = "c7", variables = new { betrag = new { value = "zwölf", type = "Integer" } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("betrag", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var complete = await worker.PostAsJsonAsync($"/engine-rest/external-task/{tasks[first.ToString("D")]}/complete", new
        {
            workerId = "c7",
            variables = new { betrag = new { value = 12, type = "Integer" }, adresse = new { value = "{\"ort\":\"Köln\"}", type = "Json" } },
        });
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
        var done = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{first}");
        Assert.Contains("Köln", done.ToString(), StringComparison.Ordinal);

        var error = await worker.PostAsJsonAsync($"/engine-rest/external-task/{tasks[second.ToString("D")]}/bpmnError",
            new { workerId = "c7", errorCode = "NICHT_GEMELDET", errorMessage = "unbekannt" });
        Assert.Equal(HttpStatusCode.NoContent, error.StatusCode);
        Assert.Contains("klaeren", (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{second}")).GetProperty("waits").ToString(), StringComparison.Ordinal);

        var failure = await worker.PostAsJsonAsync($"/engine-rest/external-task/{tasks[third.ToString("D")]}/failure",
            new { workerId = "c7", errorMessage = "Gegenstelle down", retries = 0, retryTimeout = 0 });
        Assert.Equal(HttpStatusCode.NoContent, failure.StatusCode);
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{third}");
        Assert.Equal("Gegenstelle down", failed.GetProperty("incidents")[0].GetProperty("message").GetString());
    }
}
