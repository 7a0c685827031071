using System.Net;
using Automation.Server.Tests.Pages;
using ClosedXML.Excel;

namespace Automation.Server.Tests.Dashboards;

/// <summary>
/// Issue 17 item 3 for the dashboards' Excel workbook ("Excel statuses" were English): every text cell of every sheet
/// goes through the page sweep's English-word search, so a status, unit or header written in English fails here.
/// </summary>
public sealed class WorkbookGermanTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData(DashboardFactory.Period)]
    [InlineData("from=2020-01-01&to=2020-01-31")]
    public async Task Every_text_cell_of_the_workbook_reads_german(string period)
    {
        await factory.SampleAsync();
        using var client = factory.ApiClient("leitung");
        var response = await client.GetAsync("/api/dashboards/workbook?" + period);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var texts = book.Worksheets.SelectMany(sheet => sheet.CellsUsed().Where(c => c.DataType == XLDataType.Text)
            .Select(c => (Where: $"{sheet.Name}!{c.Address}", Text: c.GetString()))).ToList();
        // The search must have something to read: the headers of seven sheets at least.
        Assert.True(texts.Count >= 30, $"Only {texts.Count} text cells.");
        var hits = texts.SelectMany(t => EnglishWords.Hits(GermanOnlyBrowserTests.WithoutCitedTitles(t.Text)).Concat(EnglishWords.Escapes(t.Text))
            .Select(h => $"{t.Where}: {h}")).ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }
}
