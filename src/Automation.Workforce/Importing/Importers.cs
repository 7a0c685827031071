using System.Globalization;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using Automation.Engine.Texts;

namespace Automation.Workforce.Importing;

/// <summary>
/// Reads positions, staff profiles, occupation skills and training offers from CSV or xlsx. Every bad row is reported
/// with its number, column and problem; the caller stores nothing from a file with errors unless the user chooses
/// to import the valid rows.
/// </summary>
public static class Importers
{
    /// <summary>Columns of a positions file.</summary>
    public static readonly IReadOnlyList<ImportColumn> PositionColumns =
    [
        new("id", "stelle"), new("role", "rolle"), new("occupation", "kldb"), new("pay_level", "besoldung"), new("weekly_hours", "wochenstunden"),
    ];

    /// <summary>Columns of a staff-profile file.</summary>
    public static readonly IReadOnlyList<ImportColumn> ProfileColumns =
    [
        new("id", "pseudonym"), new("occupation", "kldb"), new("skills", "kompetenzen"), new("weekly_hours", "wochenstunden"),
        new("consent", "einwilligung"), new("target_occupations", "zielberufe", Required: false),
        new("employer_share_waived", "ab45_oder_schwerbehindert", Required: false),
    ];

    /// <summary>Columns of a staffing file (§2 Abs. 3 SGB III Nr. 1–3: vacancies, new staffing needs, qualification requirements).</summary>
    public static readonly IReadOnlyList<ImportColumn> StaffingColumns =
    [
        new("id", "nummer"), new("kind", "art"), new("occupation", "kldb"), new("positions", "anzahl"),
        new("role", "rolle", Required: false), new("from", "ab", Required: false), new("reason", "grund", Required: false),
        new("from_automation", "durch_automatisierung", Required: false), new("requirements", "anforderungen", Required: false),
    ];

    /// <summary>Columns of an occupation-skills file.</summary>
    public static readonly IReadOnlyList<ImportColumn> OccupationSkillColumns = [new("occupation", "kldb"), new("skills", "kompetenzen")];

    /// <summary>Columns of a training-offer file.</summary>
    public static readonly IReadOnlyList<ImportColumn> OfferColumns =
    [
        new("id", "nummer"), new("title", "titel"), new("provider", "anbieter"), new("skills", "kompetenzen"),
        new("hours", "stunden", Required: false), new("format", "format", Required: false), new("location", "ort", Required: false),
        new("latitude", "breite", Required: false), new("longitude", "laenge", Required: false),
        new("start_dates", "starttermine", Required: false), new("cost_eur", "kosten", Required: false),
        new("accreditation", "zulassung", Required: false), new("sgb3_82", "foerderfaehig_82", Required: false),
    ];

    /// <summary>Reads positions.</summary>
    public static ImportResult<Position> Positions(TabularFile file, KldbCatalog catalog) => Read(file, PositionColumns, (r, _) =>
    {
        var id = r.RequiredText("id");
        var role = r.RequiredText("role");
        var occupation = Occupation(r, "occupation", catalog);
        var pay = r.RequiredText("pay_level");
        var hours = r.Number("weekly_hours", required: true);
        if (hours > 60) r.Error("weekly_hours", Texte.Format(Texte.ImportWochenstunden, hours));
        return new Position(id, role, occupation, pay, hours ?? 0);
    }, p => p.Id);

    /// <summary>Reads pseudonymous staff profiles.</summary>
    public static ImportResult<StaffProfile> Profiles(TabularFile file, KldbCatalog catalog) => Read(file, ProfileColumns, (r, delimiter) =>
    {
        var id = r.RequiredText("id");
        var occupation = Occupation(r, "occupation", catalog);
        var skills = Skills.Split(r.Text("skills"), delimiter);
        var hours = r.Number("weekly_hours", required: true);
        if (hours > 60) r.Error("weekly_hours", Texte.Format(Texte.ImportWochenstunden, hours));
        var consent = r.YesNo("consent", required: true);
        var targets = (r.Text("target_occupations") ?? "").Split(['|', ',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var t in targets.Where(t => !catalog.IsOccupation(t)))
        {
            r.Error("target_occupations", Texte.Format(Texte.KeinKldbCode, t));
        }
        // One flag for "aged 45 or over or severely disabled" (§82 SGB III): the profile never says which.
        var waived = r.YesNo("employer_share_waived", required: false);
        return new StaffProfile(id, occupation, skills, hours ?? 0, consent ?? false, targets) { EmployerShareWaived = waived ?? false };
    }, p => p.Id);

    /// <summary>Reads the skills each occupation requires.</summary>
    public static ImportResult<OccupationSkills> OccupationSkills(TabularFile file, KldbCatalog catalog) => Read(file, OccupationSkillColumns, (r, delimiter) =>
    {
        var occupation = Occupation(r, "occupation", catalog);
        var skills = Skills.Split(r.Text("skills"), delimiter);
        if (skills.Count == 0) r.Error("skills", Texte.ImportKompetenzNoetig);
        return new OccupationSkills(occupation, skills);
    }, o => o.Occupation);

    /// <summary>Reads a training-offer catalogue.</summary>
    public static ImportResult<TrainingOffer> Offers(TabularFile file, string source) => Read(file, OfferColumns, (r, delimiter) =>
    {
        var id = r.RequiredText("id");
        var title = r.RequiredText("title");
        var provider = r.RequiredText("provider");
        var skills = Skills.Split(r.Text("skills"), delimiter);
        if (skills.Count == 0) r.Error("skills", Texte.ImportVermittelteKompetenzNoetig);
        var hours = r.Number("hours", required: false);
        var lat = r.Number("latitude", required: false, nonNegative: false);
        var lon = r.Number("longitude", required: false, nonNegative: false);
        if (lat is < -90 or > 90) r.Error("latitude", Texte.ImportBreite);
        if (lon is < -180 or > 180) r.Error("longitude", Texte.ImportLaenge);
        var starts = new List<DateOnly>();
        foreach (var text in (r.Text("start_dates") ?? "").Split(['|', ',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) starts.Add(d);
            else r.Error("start_dates", Texte.Format(Texte.ImportKeinDatum, text));
        }
        var cost = r.Number("cost_eur", required: false);
        var accreditation = r.Text("accreditation") ?? "";
        var explicit82 = r.YesNo("sgb3_82", required: false);
        var accredited = accreditation.Length > 0 ? true : (bool?)null;
        var eligibility = explicit82 switch
        {
            true => FundingEligibility.Eligible,
            false => FundingEligibility.NotEligible,
            null => TrainingOffer.Derive(hours, accredited),
        };
        if (explicit82 == true && hours is <= 120)
        {
            r.Error("sgb3_82", Texte.Import82Stunden);
        }
        return new TrainingOffer(id, title, provider, skills, hours, r.Text("format") ?? "", r.Text("location") ?? "", lat, lon,
            starts.Order().ToList(), cost, accreditation, eligibility, source);
    }, o => o.Id);

    /// <summary>Reads vacancies, apprenticeships and new staffing needs with their qualification requirements.</summary>
    public static ImportResult<StaffingEntry> Staffing(TabularFile file, KldbCatalog catalog) => Read(file, StaffingColumns, (r, delimiter) =>
    {
        var id = r.RequiredText("id");
        var kindText = r.RequiredText("kind");
        var kind = StaffingEntry.ParseKind(kindText);
        if (kindText.Length > 0 && kind is null) r.Error("kind", Texte.Format(Texte.ImportArtUnbekannt, kindText));
        var occupation = Occupation(r, "occupation", catalog);
        var positions = r.Number("positions", required: true);
        if (positions is { } p && (p < 1 || p > StaffingEntry.MaxPositions || p != Math.Floor(p)))
        {
            r.Error("positions", Texte.Format(Texte.ImportAnzahl, StaffingEntry.MaxPositions, p));
        }
        DateOnly? from = null;
        if (r.Text("from") is { } text)
        {
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) from = d;
            else r.Error("from", Texte.Format(Texte.ImportKeinDatum, text));
        }
        var reason = r.Text("reason") ?? "";
        if (kind == StaffingKind.Need && reason.Length == 0) r.Error("reason", Texte.ImportGrundNoetig);
        var automation = r.YesNo("from_automation", required: false) ?? false;
        var requirements = (r.Text("requirements") ?? "").Split(delimiter == ';' ? ['|'] : ['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new StaffingEntry(id, kind ?? StaffingKind.Vacancy, occupation, r.Text("role"), (int)(positions ?? 0), from, reason, automation, requirements);
    }, e => e.Id);

    private static string Occupation(RowReader r, string column, KldbCatalog catalog)
    {
        var code = r.RequiredText(column);
        if (code.Length > 0 && !catalog.IsOccupation(code))
        {
            r.Error(column, Texte.Format(Texte.ImportKeinKldbCode, code));
        }
        return code;
    }

    private static ImportResult<T> Read<T>(TabularFile file, IReadOnlyList<ImportColumn> columns, Func<RowReader, char, T> parse, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<RowError>();
        var map = RowReader.MapHeader(file.Header, columns, errors);
        if (map is null) return new ImportResult<T>([], errors, file.Rows.Count);
        var delimiter = file.Delimiter;
        var valid = new List<T>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var rowErrors = new List<RowError>();
            var reader = new RowReader(row, rowErrors, map);
            var item = parse(reader, delimiter);
            var k = key(item);
            if (k.Length > 0)
            {
                if (seen.TryGetValue(k, out var first)) rowErrors.Add(new RowError(row.Number, columns[0].Name, Texte.Format(Texte.ImportDoppelt, k, first)));
                else seen[k] = row.Number;
            }
            if (rowErrors.Count == 0) valid.Add(item);
            else errors.AddRange(rowErrors.Select(e => e with { Column = columns.FirstOrDefault(c => c.Name == e.Field)?.Alias }));
        }
        return new ImportResult<T>(valid, errors, file.Rows.Count);
    }
}
