using System.Text;
using System.Text.RegularExpressions;
using Automation.Server.Tests.Pages;
using Automation.Workforce.Importing;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using ClosedXML.Excel;

namespace Automation.Workforce.Tests;

/// <summary>
/// Issue 17 item 3 for the labour-market part: what imports, matching and the employment-office report hand to a person
/// comes from the one resource set and reads German, numbers in de-DE. Each test provokes as many texts as it can and
/// runs them through the same English-word search as the page sweep (tests/Automation.Server.Tests/Pages/EnglishWords.cs).
/// </summary>
public sealed class GermanTextTests
{
    private static readonly KldbCatalog Catalog = KldbCatalog.Default;

    private static void AssertGerman(List<string> texts, int atLeast)
    {
        Assert.True(texts.Count >= atLeast, $"Only {texts.Count} texts: " + string.Join(" | ", texts));
        var hits = texts.SelectMany(EnglishWords.Hits).ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public void Every_importer_names_row_column_and_problem_in_german()
    {
        var texts = new List<string>();
        void Add<T>(ImportResult<T> result) => texts.AddRange(result.Errors.Select(e => e.ToString()));
        Add(Importers.Profiles(TabularFile.ReadCsv("""
            id;occupation;skills;weekly_hours;consent;target_occupations
            p1;73202;E-Akte;39;ja;73203
            p2;99999;Excel;39;ja;
            p1;73202;Excel;20;nein;
            p3;73202;Excel;-4;ja;
            p4;73202;Excel;70;vielleicht;1234x
            p5;73202;Excel;abc;;
            """), Catalog));
        Add(Importers.Positions(TabularFile.ReadCsv("id,rolle,beruf,stunden\n1,sachbearbeitung,73202,39\n"), Catalog));
        Add(Importers.Staffing(TabularFile.ReadCsv("""
            id;kind;occupation;positions;from;reason;requirements
            s1;praktikum;73202;0;morgen;;
            s2;bedarf;73202;2;2026-01-01;;
            s3;stelle;73202;20000;31.02.2026;;
            """), Catalog));
        Add(Importers.Offers(TabularFile.ReadCsv("""
            id;title;provider;skills;hours;latitude;longitude;start_dates;sgb3_82
            o1;Kurs;Anbieter;;100;95;200;gestern;ja
            """), "test"));
        Add(Importers.OccupationSkills(TabularFile.ReadCsv("occupation;skills\n7320;\n"), Catalog));
        Add(CourseSearchImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            """{"_embedded": {"termine": [{"id": 1}, {"id": 2, "angebot": {}}, {"id": 3, "angebot": {"titel": "A"}}, {"id": 3, "angebot": {"titel": "A"}}]}}"""))));
        foreach (var broken in new[] { "{ kaputt", """{"_embedded": {}}""" })
        {
            texts.Add(Assert.Throws<ImportFormatException>(() => CourseSearchImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(broken)))).Message);
        }
        texts.Add(Assert.Throws<ImportFormatException>(() => TabularFile.ReadCsv("id;name\n1;\"offen\n")).Message);
        texts.Add(Assert.Throws<ImportFormatException>(() => TabularFile.ReadCsv("")).Message);
        texts.Add(Assert.Throws<ImportFormatException>(() => TabularFile.Read(new MemoryStream([1, 2, 3]), "liste.xlsx")).Message);
        texts.Add(new ImportFormatException().Message);
        texts.Add(SubstitutabilityPotential.Validate("73202", 120, null, 1990, Catalog)!);
        texts.Add(SubstitutabilityPotential.Validate("73202", 50, null, 2020, Catalog)!);
        texts.Add(SubstitutabilityPotential.Validate("73202", 50, "IAB", 1990, Catalog)!);
        texts.Add(SubstitutabilityPotential.Validate("1", 50, "IAB", 2020, Catalog)!);
        AssertGerman(texts, 25);
        Assert.Contains(texts, t => t.StartsWith("Zeile 3, Spalte kldb: ", StringComparison.Ordinal));
        // de-DE numbers in the texts: 70 hours are "70,0", never "70.0".
        Assert.Contains(texts, t => t.Contains("70,0 Wochenstunden", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_explanations_are_german_with_german_decimals()
    {
        var offers = new[]
        {
            new TrainingOffer("A", "E-Akte kompakt", "Anbieter", ["e-akte", "datenschutz"], 160, "online", "online", null, null, [new DateOnly(2026, 2, 1)], 1200, "AZAV",
                FundingEligibility.Eligible, "t"),
            new TrainingOffer("B", "Prozesse", "Anbieter", ["prozessmanagement"], null, "Präsenz", "Köln", 50.94, 6.96, [], null, "", FundingEligibility.Unknown, "t"),
            new TrainingOffer("C", "Recht", "Anbieter", ["e-akte"], 40, "Präsenz", "Irgendwo", null, null, [], null, "", FundingEligibility.NotEligible, "t"),
        };
        var matcher = new OfferMatcher(offers, new MatchOptions(new DateOnly(2026, 1, 1), 50.94, 6.96, new MatchWeights()));
        var profile = new StaffProfile("p1", "73202", [], 39, true, ["73203"]);
        var required = new Dictionary<string, OccupationSkills>(StringComparer.Ordinal) { ["73203"] = new("73203", ["e-akte", "prozessmanagement", "datenschutz"]) };
        var result = Assert.Single(ProfileMatching.ForProfiles(matcher, [profile], required, 5));
        var texts = result.Offers.Select(o => o.Explanation).ToList();
        AssertGerman(texts, 3);
        Assert.All(texts, t => Assert.Matches(new Regex(@"= \d,\d{3}\.$"), t));
    }

    [Fact]
    public void Report_texts_and_every_text_cell_of_both_workbooks_are_german()
    {
        var report = ReportBuilder.Build(ReportTests.Input(), Catalog, new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero));
        var texts = new List<string> { report.KschgNote, EmploymentReport.SuppressionNote, EmploymentReport.NoData };
        texts.AddRange(report.Sources);
        texts.AddRange(report.Missing);
        foreach (var p in report.Processes)
        {
            if (p.CalledByText is { } calledBy) texts.Add(calledBy);
            if (p.NoComparison is { } none) texts.Add(none);
            if (p.Comparison is { } c) texts.AddRange([c.Summary, .. c.Changes.Select(x => x.Describe())]);
            texts.AddRange(p.Versions.SelectMany(v => v.Notes.Append(v.Withheld ?? "")).Where(n => n.Length > 0));
        }
        texts.AddRange(report.Progress.Select(p => p.StatusText));
        using (var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)))) texts.AddRange(TextCells(workbook));

        var kschg = new KschgInput("Stadtwerke, Kundenservice", "Automatisierung", new DateOnly(2026, 3, 1), null,
            new Dictionary<string, int> { ["71402"] = 3 }, "", "");
        var notice = KschgNotices.Build(ReportTests.Input(4, kind: EstablishmentKind.MunicipalEnterprise, kschg: kschg), Catalog, DateTimeOffset.UnixEpoch)!;
        Assert.NotEmpty(notice.Missing);
        texts.AddRange(notice.Missing);
        using (var workbook = new XLWorkbook(new MemoryStream(KschgWorkbook.Write(notice)))) texts.AddRange(TextCells(workbook));
        AssertGerman(texts, 100);
        Assert.Contains("15.01.2026 09:30 UTC", texts);
    }

    private static List<string> TextCells(XLWorkbook workbook) =>
        workbook.Worksheets.SelectMany(s => s.CellsUsed().Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).Prepend(s.Name)).ToList();
}
