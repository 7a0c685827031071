using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// Without signing in (docs/operator-guide.md, transparency register and open data): the public register, the open
/// data of a released process, the login page, and a protected page that sends the visitor to it; the register at
/// phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class AnonymousJourneyTests(JourneyFixture fixture)
{
    [Fact]
    public async Task A_visitor_reads_the_register_and_the_open_data_and_is_sent_to_the_login_page_elsewhere()
    {
        // What the administration releases on /verwaltung/offene-daten (its own journey would release it the same way).
        using var admin = fixture.Factory.ApiClient("admin");
        (await admin.PutAsJsonAsync("/api/open-data/processes/wohngeldantrag", new { @public = true })).EnsureSuccessStatusCode();
        var journey = new Journey("anonym");
        var page = await fixture.PageAsync(null);

        await page.GotoAsync("/transparenzregister");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Anwohnerparkausweis" })).ToBeVisibleAsync();
        await journey.StepAsync(page, "transparenzregister");

        // Open data is for programs (JSON and CSV); the browser shows it as text, so only the picture is kept.
        var listing = await page.GotoAsync("/offene-daten");
        using (var json = JsonDocument.Parse(await listing!.TextAsync()))
        {
            Assert.Contains(json.RootElement.GetProperty("processes").EnumerateArray(), p => p.GetRawText().Contains("wohngeldantrag", StringComparison.Ordinal));
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("licence").GetString()));
        }
        await journey.PictureAsync(page, "offene-daten");
        var csv = await page.APIRequest.GetAsync("/offene-daten/wohngeldantrag/monatlich.csv");
        Assert.Equal(200, csv.Status);
        Assert.Contains(",", (await csv.TextAsync()).Split('\n')[0], StringComparison.Ordinal);

        await page.GotoAsync("/aufgaben");
        Assert.Contains("/anmelden", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Benutzername")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Passwort")).ToBeVisibleAsync();
        await journey.StepAsync(page, "anmelden");
        await page.Context.DisposeAsync();

        var phone = await fixture.PageAsync(null, 390);
        await phone.GotoAsync("/transparenzregister");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Anwohnerparkausweis" })).ToBeVisibleAsync();
        await journey.StepAsync(phone, "transparenzregister-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }
}
