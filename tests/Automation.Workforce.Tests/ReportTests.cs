using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using ClosedXML.Excel;

namespace Automation.Workforce.Tests;

public sealed class ReportTests
{
    private static readonly KldbCatalog Catalog = KldbCatalog.Default;
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    internal static StepTotals Step(string node, string actor, string? occupation, string role, int cases, double minutes,
        double sci = 0, double paper = 0, double post = 0) =>
        new(node, node, actor, occupation, [role], cases, minutes, minutes, sci, paper, post, 0);

    internal static VersionTotals Version(string process, int version, int completed, int other, params StepTotals[] steps) =>
        new(version, process, version, completed, other, steps, []);

    [Fact]
    public void Fte_is_minutes_saved_per_completed_case_times_cases_over_1600_hours()
    {
        var before = Version("p", 1, 10, 0, Step("Pruefen", "Human", "73202", "sachbearbeitung", 10, 100, sci: 200));
        var after = Version("p", 2, 10, 0, Step("Pruefen", "Automated", null, "sachbearbeitung", 10, 0, sci: 20));
        var step = Assert.Single(LedgerComparison.Compare(before, after, 9600).Automated);
        Assert.Equal(10, step.Impact.MinutesSavedPerCase);
        Assert.Equal(1600, step.Impact.HoursPerYear);
        Assert.Equal(ImpactBasis.Measured, step.Impact.Basis);
        Assert.Equal(-172.8, step.NetSciKgPerYear, 6); // (2 − 20) g × 9,600 cases / 1,000
        var impact = Assert.Single(ImpactCalculator.ByOccupation([step.Impact], Catalog));
        Assert.Equal(1.0, impact.Fte);
        Assert.Equal(RequirementLevel.Professional, impact.Level);
    }

    [Fact]
    public void Per_case_means_divide_by_completed_cases_and_cancelled_cases_are_shown_apart()
    {
        // 6 completed + 6 cancelled, 60 staff minutes over the completed ones: 10 minutes per case, not 5.
        var v = Version("p", 1, 6, 6, Step("S", "Human", "73202", "sb", 6, 60));
        Assert.Equal(10, v.PerCase!.StaffHours * 60, 9);
        Assert.Equal(6, v.OtherEndedCases);
    }

    [Fact]
    public void Sci_per_case_leaves_paper_post_and_trips_beside_it()
    {
        var v = Version("p", 1, 5, 0, new StepTotals("S", null, "Human", null, [], 5, 50, 0, 10, 100, 40, 7));
        var c = v.PerCase!;
        Assert.Equal(2, c.SciG, 9);
        Assert.Equal(20, c.PaperG, 9);
        Assert.Equal(8, c.PostG, 9);
        Assert.Equal(1.4, c.CitizenG, 9);
    }

    [Fact]
    public void Before_and_after_never_compare_two_processes()
    {
        var caller = Version("gebuehr-erheben", 1, 10, 0, Step("S", "Human", "73202", "sb", 10, 100));
        var called = Version("zahlung", 1, 10, 0, Step("S", "Automated", null, "sb", 10, 0));
        Assert.Throws<ArgumentException>(() => LedgerComparison.Compare(caller, called, 100));
        Assert.Throws<ArgumentException>(() => LedgerComparison.Section("gebuehr-erheben", null, [], [caller, called], 100));
        var section = LedgerComparison.Section("zahlung", null, ["gebuehr-erheben"], [called], 100);
        Assert.Null(section.Comparison);
        Assert.Equal("aufgerufen von gebuehr-erheben", section.CalledByText);
        Assert.Contains("kein Vorher-Nachher-Vergleich", section.NoComparison, StringComparison.Ordinal);
    }

    [Fact]
    public void Readers_see_process_names_where_the_definitions_give_them_and_the_ids_only_where_they_do_not()
    {
        var called = Version("zahlung", 1, 10, 0, Step("S", "Automated", null, "sb", 10, 0)) with { ProcessName = "Zahlung der Gebühr" };
        var section = LedgerComparison.Section("zahlung", "Zahlung der Gebühr", ["gebuehr-erheben"], [called], 100, ["Anwohnerparkausweis"]);
        Assert.Equal("Zahlung der Gebühr", section.Label);
        Assert.Equal("aufgerufen von Anwohnerparkausweis", section.CalledByText);
        Assert.Equal(["gebuehr-erheben"], section.CalledBy);
        Assert.Equal("Nur Zahlung der Gebühr Version 1 hat im Zeitraum beendete Vorgänge: kein Vorher-Nachher-Vergleich.", section.NoComparison);
        // A blank name is no name: the id stands in rather than an empty label.
        var unnamed = Version("zahlung", 1, 10, 0) with { ProcessName = " " };
        Assert.Equal("zahlung Version 1", unnamed.Label);
        Assert.Equal("zahlung", LedgerComparison.Section("zahlung", "", [], [unnamed], 100).Label);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_version_with_fewer_than_five_completed_cases_gives_a_reason_never_a_figure(int cases)
    {
        var before = Version("p", 1, cases, 9, Step("S", "Human", "73202", "sb", cases, 40.0 * cases));
        var after = Version("p", 2, 10, 0, Step("S", "Automated", null, "sb", 10, 0));
        var section = LedgerComparison.Section("p", null, [], [before, after], 1000);
        Assert.Null(section.Comparison);
        Assert.Null(before.PerCase);
        Assert.Contains($"mindestens {PrivacyGate.MinCases}", section.NoComparison, StringComparison.Ordinal);
        Assert.Contains("p Version 1", section.NoComparison, StringComparison.Ordinal);
        Assert.NotNull(before.Withheld);
    }

    [Fact]
    public void A_reduction_without_an_automated_step_is_never_called_no_automation()
    {
        var before = Version("p", 1, 10, 0, Step("S", "Human", "73202", "sb", 10, 100), Step("T", "Human", "73202", "sb", 10, 50));
        var after = Version("p", 2, 10, 0, Step("S", "Human", "73202", "sb", 10, 100));
        var c = LedgerComparison.Compare(before, after, 1000);
        Assert.Empty(c.Automated);
        Assert.DoesNotContain("kein Schritt automatisiert", c.Summary, StringComparison.Ordinal);
        Assert.Contains("entfällt", c.Summary, StringComparison.Ordinal);
    }

    internal static ReportInput Input(int smallPositions = 5, int smallOutcomes = 5, int staffSize = 800, EstablishmentKind kind = EstablishmentKind.CoreAdministration,
        KschgInput? kschg = null, double secretMinutes = 40)
    {
        var v1 = Version("p", 1, 10, 2, Step("S", "Human", "73202", "sachbearbeitung", 10, 100), Step("T", "Human", "71402", "poststelle", 10, 100),
            Step("U", "Human", "73203", "fachdienst", 10, 100));
        var v2 = Version("p", 2, 10, 0, Step("S", "Automated", "73202", "sachbearbeitung", 10, 0), Step("T", "Automated", "71402", "poststelle", 10, 0),
            Step("U", "AiAssisted", "73203", "fachdienst", 10, 0));
        // A called process with too few cases in one version: its secret minutes must never show.
        var called = LedgerComparison.Section("zahlung", "Zahlung", ["p"],
            [Version("zahlung", 1, 3, 0, Step("Z", "Human", "73202", "sachbearbeitung", 3, secretMinutes)), Version("zahlung", 2, 10, 0, Step("Z", "Automated", null, "sachbearbeitung", 10, 0))], 100);
        var positions = Enumerable.Range(0, 12).Select(i => new Position($"S{i}", "sachbearbeitung", "73202", "E9a", 39))
            .Concat(Enumerable.Range(0, smallPositions).Select(i => new Position($"P{i}", "poststelle", "71402", "E5", 39)))
            .Concat(Enumerable.Range(0, 7).Select(i => new Position($"F{i}", "fachdienst", "73203", "E11", 39))).ToList();
        var profiles = Enumerable.Range(0, 12).Select(i => new StaffProfile($"geheim-{i}", "73202", ["datenschutz"], 39, true, ["73203"]) { EmployerShareWaived = i % 2 == 0 }).ToList();
        var offer = new TrainingOffer("A", "E-Akte kompakt", "Anbieter", ["e-akte"], 160, "online", "online", null, null, [], 1200, "AZAV", FundingEligibility.Eligible, "t");
        var matcher = new OfferMatcher([offer], new MatchOptions(new DateOnly(2026, 1, 1), null, null, new MatchWeights()));
        var required = new Dictionary<string, OccupationSkills>(StringComparer.Ordinal) { ["73203"] = new("73203", ["e-akte", "prozessmanagement"]) };
        var matches = ProfileMatching.ForProfiles(matcher, profiles, required, 5);
        var outcomes = profiles.Take(smallOutcomes).Select(p => new MatchOutcome(p.Id, "A", MatchStatus.Accepted))
            .Concat(profiles.Skip(smallOutcomes).Take(6).Select(p => new MatchOutcome(p.Id, "A", MatchStatus.Proposed))).ToList();
        var employer = new EmployerInfo("Stadt Musterstadt", "Bürgeramt", staffSize, "personal@example.org", "Automatisierung", kind);
        return new ReportInput(employer, From, To, [LedgerComparison.Section("p", "Antrag", [], [v1, v2], 9600), called], [], positions, profiles, matches, outcomes, [offer],
            [], [], kschg);
    }

    /// <summary>Everything a reader of the report sees: the JSON and every cell of the workbook.</summary>
    private static (string Json, List<string> Cells) Published(EmploymentReport report)
    {
        using var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)));
        return (JsonSerializer.Serialize(report with { GeneratedAt = DateTimeOffset.UnixEpoch }),
            workbook.Worksheets.SelectMany(s => s.CellsUsed().Select(c => $"{s.Name}!{c.Address}={c.GetString()}")).ToList());
    }

    [Fact]
    public void No_group_of_one_to_four_people_can_be_recovered_from_the_published_report()
    {
        // The attacker knows how the occupation table adds up (rows to totals, affected inside employed) and how the
        // plan relates to progress (proposed = open + accepted + declined; one offer, so each plan cell is the
        // progress cell too); every suppressed cell is at least 1; it enumerates every consistent assignment.
        for (var positions = 1; positions < PrivacyGate.MinPeople; positions++)
        {
            for (var outcomes = 1; outcomes < PrivacyGate.MinPeople; outcomes++)
            {
                var report = ReportBuilder.Build(Input(positions, outcomes), Catalog, DateTimeOffset.UnixEpoch);
                var attack = new IntegerAttack();
                var targets = new List<string>();
                void Cell(string name, PeopleCell printed, int truth)
                {
                    Assert.False(!printed.Suppressed && truth is > 0 and < 5, $"{name} = {truth} printed");
                    if (!printed.Suppressed) Assert.Equal(truth, printed.Value);
                    attack.Printed(name, printed.Suppressed ? null : truth, 40);
                    if (printed.Suppressed && truth is > 0 and < 5) targets.Add(name);
                }
                var rows = report.Occupations.Rows.ToDictionary(r => r.Occupation);
                int[] employed = [12, positions, 7];
                string[] codes = ["73202", "71402", "73203"];
                for (var i = 0; i < 3; i++)
                {
                    Cell($"a{i}", rows[codes[i]].Affected, employed[i]);
                    Cell($"e{i}", rows[codes[i]].NormallyEmployed, employed[i]);
                    attack.Unprinted($"rest{i}", 40);
                    attack.Sum($"e{i}", $"a{i}", $"rest{i}");
                }
                Cell("ta", report.Occupations.Affected, 19 + positions);
                Cell("te", report.Occupations.NormallyEmployed, 19 + positions);
                attack.Sum("ta", "a0", "a1", "a2");
                attack.Sum("te", "e0", "e1", "e2");
                // Plan (staff size 800: one row for everyone) and progress over the same single offer.
                var plan = Assert.Single(report.Plan);
                Cell("proposed", plan.Proposed, outcomes + 6);
                Cell("open", plan.Open, 6);
                Cell("accepted", plan.Accepted, outcomes);
                Cell("completed", plan.Completed, 0);
                Cell("declined", plan.Declined, 0);
                attack.Sum("proposed", "open", "accepted", "declined");
                attack.Relation(("completed", 1), ("accepted", -1), ("acceptedOnly", 1));
                attack.Unprinted("acceptedOnly", 40);
                var progress = report.Progress.ToDictionary(p => p.Status);
                Cell("pOpen", progress[MatchStatus.Proposed].People, 6);
                Cell("pAccepted", progress[MatchStatus.Accepted].People, outcomes);
                Cell("pDeclined", progress[MatchStatus.Declined].People, 0);
                Cell("pCompleted", progress[MatchStatus.Completed].People, 0);
                attack.Relation(("pOpen", 1), ("open", -1));
                attack.Relation(("pAccepted", 1), ("pCompleted", 1), ("accepted", -1));
                attack.Relation(("pDeclined", 1), ("declined", -1));

                Assert.NotEmpty(targets);
                var feasible = attack.Feasible(targets);
                Assert.NotNull(feasible);
                foreach (var t in targets) Assert.True(feasible[t].Count >= 2, $"{positions}/{outcomes}: {t} is revealed as {string.Join("/", feasible[t])}");
            }
        }
    }

    [Fact]
    public void Working_time_of_a_version_with_one_to_four_cases_is_never_published()
    {
        var a = Published(ReportBuilder.Build(Input(secretMinutes: 12), Catalog, DateTimeOffset.UnixEpoch));
        var b = Published(ReportBuilder.Build(Input(secretMinutes: 95), Catalog, DateTimeOffset.UnixEpoch));
        Assert.Equal(a.Cells, b.Cells);
        Assert.Contains(a.Cells, c => c.Contains("aufgerufen von p", StringComparison.Ordinal));
    }

    [Fact]
    public void No_printed_count_is_small_and_the_next_smallest_row_protects_the_small_one()
    {
        for (var small = 1; small < PrivacyGate.MinPeople; small++)
        {
            var report = ReportBuilder.Build(Input(small, small), Catalog, DateTimeOffset.UnixEpoch);
            var printed = report.PeopleCells.Where(c => !c.Suppressed).Select(c => c.Value!.Value).ToList();
            Assert.DoesNotContain(printed, v => v is > 0 and < 5);
            Assert.Contains(report.PeopleCells, c => c.Suppressed);
            var small1 = report.Occupations.Rows.Single(r => r.Occupation == "71402");
            Assert.True(small1.Affected.Suppressed && small1.NormallyEmployed.Suppressed);
            var next = report.Occupations.Rows.Single(r => r.Occupation == "73203");
            Assert.True(next.Affected.Suppressed, "with it printed, total − rows would reveal the small row");
        }
    }

    [Fact]
    public void The_section_82_waiver_applies_in_the_50_to_499_band_only()
    {
        var mid = ReportBuilder.Build(Input(staffSize: 200), Catalog, DateTimeOffset.UnixEpoch);
        Assert.Equal([50.0, 0.0], mid.Plan.Select(p => p.EmployerSharePercent));
        Assert.Equal(0.0, mid.Plan.Single(p => p.Group.Contains("45", StringComparison.Ordinal)).EmployerCostEur);
        var large = ReportBuilder.Build(Input(staffSize: 800), Catalog, DateTimeOffset.UnixEpoch);
        Assert.Equal(75.0, Assert.Single(large.Plan).EmployerSharePercent);
        var small = ReportBuilder.Build(Input(staffSize: 30), Catalog, DateTimeOffset.UnixEpoch);
        Assert.Equal(0.0, Assert.Single(small.Plan).EmployerSharePercent);
    }

    [Fact]
    public void Kschg_is_produced_only_for_a_municipal_enterprise_with_exact_numbers()
    {
        var kschg = new KschgInput("Stadtwerke, Kundenservice", "Automatisierung", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31),
            new Dictionary<string, int> { ["71402"] = 3 }, "Sozialauswahl", "liegt bei");
        Assert.Null(KschgNotices.Build(Input(kschg: kschg), Catalog, DateTimeOffset.UnixEpoch));
        Assert.Contains("Kernverwaltung", ReportBuilder.Build(Input(kschg: kschg), Catalog, DateTimeOffset.UnixEpoch).KschgNote, StringComparison.Ordinal);
        var notice = KschgNotices.Build(Input(4, kind: EstablishmentKind.MunicipalEnterprise, kschg: kschg), Catalog, DateTimeOffset.UnixEpoch)!;
        var group = Assert.Single(notice.Groups);
        Assert.Equal(3, group.Dismissals);
        Assert.Equal(4, group.NormallyEmployed);
        Assert.Empty(notice.Missing);
        using var workbook = new XLWorkbook(new MemoryStream(KschgWorkbook.Write(notice)));
        var cells = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()).ToList();
        Assert.Contains("01.03.2026 – 31.05.2026", cells);
        Assert.Contains("3", cells);
    }

    [Fact]
    public void Missing_staffing_data_is_asked_for_and_empty_tables_say_keine_Daten()
    {
        var report = ReportBuilder.Build(Input(), Catalog, DateTimeOffset.UnixEpoch);
        Assert.Contains(report.Missing, m => m.StartsWith("fehlt (Nr. 1)", StringComparison.Ordinal));
        Assert.Contains(report.Missing, m => m.StartsWith("fehlt (Nr. 2)", StringComparison.Ordinal));
        using var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)));
        Assert.Contains(workbook.Worksheet("Stellen und Personalbedarf").CellsUsed(), c => c.GetString() == EmploymentReport.NoData);

        var entry = new StaffingEntry("N1", StaffingKind.Need, "43104", "prozessbetreuung", 2, null, "Betreuung der automatisierten Prüfung", true, ["BPMN"]);
        var declared = ReportBuilder.Build(Input() with { Staffing = [entry], Declarations = [new StaffingDeclaration(StaffingTopic.Vacancies, DateTimeOffset.UnixEpoch)] },
            Catalog, DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(declared.Missing, m => m.StartsWith("fehlt (Nr. 1)", StringComparison.Ordinal) || m.StartsWith("fehlt (Nr. 2)", StringComparison.Ordinal));
        Assert.Equal("N1", Assert.Single(declared.Staffing.Requirements).Id);
        Assert.StartsWith("keine", declared.Staffing.VacanciesStatement, StringComparison.Ordinal);
    }

    [Fact]
    public void No_pseudonymous_id_reaches_the_report()
    {
        var report = ReportBuilder.Build(Input(), Catalog, DateTimeOffset.UnixEpoch);
        var (json, cells) = Published(report);
        Assert.DoesNotContain("geheim-", json, StringComparison.Ordinal);
        Assert.DoesNotContain(cells, c => c.Contains("geheim-", StringComparison.Ordinal));
    }
}
