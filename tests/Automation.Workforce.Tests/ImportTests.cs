using Automation.Workforce.Importing;
using Automation.Workforce.Occupations;
using Automation.Workforce.Training;
using ClosedXML.Excel;

namespace Automation.Workforce.Tests;

public sealed class ImportTests
{
    private static readonly KldbCatalog Catalog = KldbCatalog.Default;

    [Fact]
    public void Profile_rows_with_duplicate_ids_unknown_codes_and_negative_hours_are_each_reported_with_their_line()
    {
        var csv = """
            id;occupation;skills;weekly_hours;consent;target_occupations
            p1;73202;E-Akte, Excel;39;ja;73203
            p2;99999;Excel;39;ja;
            p1;73202;Excel;20;nein;
            p3;73202;Excel;-4;ja;
            p4;73202;Excel;39;vielleicht;
            p5;71402;Excel | Datenschutz;30;ja;71403
            """;
        var result = Importers.Profiles(TabularFile.ReadCsv(csv), Catalog);
        Assert.Equal(6, result.TotalRows);
        Assert.Equal(["p1", "p5"], result.Valid.Select(p => p.Id));
        Assert.Equal(["e-akte", "excel"], result.Valid[0].Skills);
        Assert.Equal(["excel", "datenschutz"], result.Valid[1].Skills);
        Assert.Collection(result.Errors,
            e => Assert.Equal((3, "occupation"), (e.Row, e.Field)),
            e => Assert.Equal((4, "id"), (e.Row, e.Field)),
            e => Assert.Equal((5, "weekly_hours"), (e.Row, e.Field)),
            e => Assert.Equal((6, "consent"), (e.Row, e.Field)));
        Assert.Contains("zuerst in Zeile 2", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_columns_are_a_file_error_and_no_row_is_valid()
    {
        var result = Importers.Positions(TabularFile.ReadCsv("id,rolle,beruf,stunden\n1,sachbearbeitung,73202,39\n"), Catalog);
        Assert.True(result.HasFileError);
        Assert.Empty(result.Valid);
        Assert.Contains(result.Errors, e => e.Row == 0 && e.Field == "occupation");
        Assert.Contains(result.Errors, e => e.Row == 0 && e.Message.Contains("beruf", StringComparison.Ordinal));
    }

    [Fact]
    public void Positions_are_read_from_xlsx_with_german_headers()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Stellen");
        string[] header = ["Stelle", "Rolle", "KldB", "Besoldung", "Wochenstunden"];
        for (var i = 0; i < header.Length; i++) sheet.Cell(1, i + 1).Value = header[i];
        sheet.Cell(2, 1).Value = "S-1"; sheet.Cell(2, 2).Value = "sachbearbeitung"; sheet.Cell(2, 3).Value = "73202"; sheet.Cell(2, 4).Value = "E9a"; sheet.Cell(2, 5).Value = 39.0;
        sheet.Cell(3, 1).Value = "S-2"; sheet.Cell(3, 2).Value = "sachbearbeitung"; sheet.Cell(3, 3).Value = "73202"; sheet.Cell(3, 4).Value = "E9a"; sheet.Cell(3, 5).Value = -1.0;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        var result = Importers.Positions(TabularFile.Read(stream, "stellen.xlsx"), Catalog);
        var position = Assert.Single(result.Valid);
        Assert.Equal(("S-1", "73202", 39.0), (position.Id, position.Occupation, position.WeeklyHours));
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "weekly_hours"), (error.Row, error.Field));
    }

    [Fact]
    public void A_broken_xlsx_is_a_clear_format_error()
    {
        var e = Assert.Throws<ImportFormatException>(() => TabularFile.Read(new MemoryStream("kein xlsx"u8.ToArray()), "stellen.xlsx"));
        Assert.Contains("stellen.xlsx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offers_derive_82_eligibility_from_hours_and_accreditation_unless_stated()
    {
        var csv = """
            id,title,provider,skills,hours,accreditation,start_dates,sgb3_82
            o1,Kurs A,Anbieter,E-Akte,160,AZAV,2026-03-01,
            o2,Kurs B,Anbieter,E-Akte,80,AZAV,01.04.2026,
            o3,Kurs C,Anbieter,E-Akte,,AZAV,,
            o4,Kurs D,Anbieter,E-Akte,100,AZAV,,ja
            o5,Kurs E,Anbieter,,200,,morgen,
            """;
        var result = Importers.Offers(TabularFile.ReadCsv(csv), "test.csv");
        Assert.Equal([FundingEligibility.Eligible, FundingEligibility.NotEligible, FundingEligibility.Unknown],
            result.Valid.Select(o => o.Eligibility82));
        Assert.Equal(new DateOnly(2026, 4, 1), result.Valid[1].StartDates[0]);
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Field == "sgb3_82");
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Field == "skills");
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Field == "start_dates");
    }

    [Fact]
    public void Saved_course_search_results_become_offers_and_a_broken_entry_is_reported()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wbsuche-bildungsangebot.json"));
        var result = CourseSearchImporter.Read(stream);
        Assert.Equal(3, result.TotalRows);
        Assert.Equal(2, result.Valid.Count);
        var first = result.Valid[0];
        Assert.Equal("ba-900000001", first.Id);
        Assert.Equal("Studieninstitut Musterstadt", first.Provider);
        Assert.Equal(["e-akte", "prozessmanagement", "datenschutz"], first.Skills);
        Assert.Equal("50667 Köln", first.Location);
        Assert.Equal(50.9384, first.Latitude);
        Assert.Equal(2450.0, first.CostEur);
        Assert.Equal([new DateOnly(2026, 3, 1)], first.StartDates);
        Assert.Equal(FundingEligibility.Unknown, first.Eligibility82);
        Assert.Equal("Blended Learning, Teilzeit", first.Format);
        Assert.Equal(FundingEligibility.NotEligible, result.Valid[1].Eligibility82);
        Assert.Null(result.Valid[1].CostEur);
        Assert.Equal(3, Assert.Single(result.Errors).Row);
    }

    [Fact]
    public void Json_that_is_not_a_course_search_result_is_refused()
    {
        Assert.Throws<ImportFormatException>(() => CourseSearchImporter.Read(new MemoryStream("""{"items":[]}"""u8.ToArray())));
        Assert.Throws<ImportFormatException>(() => CourseSearchImporter.Read(new MemoryStream("{"u8.ToArray())));
    }
}
