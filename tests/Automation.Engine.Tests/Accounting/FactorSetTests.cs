using Automation.Engine.Accounting;
using Automation.Engine.Model;

namespace Automation.Engine.Tests.Accounting;

public sealed class FactorSetTests
{
    private static readonly DateTimeOffset Mid2025 = new(2025, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private static FactorVersionInput GridVersion(decimal value, DateOnly from, DateOnly? to, string? source = "Umweltbundesamt, Climate Change 99/2027") => new()
    {
        Key = FactorKeys.GridIntensity,
        Value = value,
        Unit = "gCO2/kWh",
        Source = source,
        Year = 2026,
        Status = "secondary",
        ValidFrom = from,
        ValidTo = to,
    };

    [Fact]
    public void Every_default_factor_carries_value_unit_source_year_status_and_validity()
    {
        var set = FactorSet.Default;
        Assert.Equal("de-2025", set.Name);
        Assert.All(set.Versions, v =>
        {
            Assert.False(string.IsNullOrWhiteSpace(v.Source), v.Id);
            Assert.False(string.IsNullOrWhiteSpace(v.Unit), v.Id);
            Assert.True(v.Value >= 0, v.Id);
            Assert.InRange(v.Year, 2020, 2026);
            Assert.True(v.Version >= 1, v.Id);
            Assert.False(string.IsNullOrWhiteSpace(v.Label), v.Id);
        });
        // 17 activities × 3 complexities, one cell "–"; 4 authority types × 4 columns; 2 device types × 4 figures;
        // 23 carbon and trip factors (three of them the AI size classes), one with two versions.
        Assert.Equal(50, set.Versions.Count(v => v.Key.StartsWith("zeitwert.", StringComparison.Ordinal)));
        Assert.Equal(16, set.Versions.Count(v => v.Key.StartsWith("lohnkosten.", StringComparison.Ordinal)));
        Assert.Equal(8, set.Versions.Count(v => v.Key.StartsWith("device.", StringComparison.Ordinal)));
        Assert.Equal("zeitwert.6.complex", Assert.Single(set.NotDefined).Key);
        Assert.All(FactorKeys.AiSizeClasses, c => Assert.Single(set.Versions, v => v.Key == FactorKeys.AiTokens(c)));
        Assert.Equal(98, set.Versions.Count);
    }

    [Fact]
    public void Default_figures_match_domain_figures()
    {
        var f = FactorSet.Default;
        decimal V(string key) => f.Get(key, Mid2025).Value;
        Assert.Equal(363m, V(FactorKeys.GridIntensity));
        Assert.Equal(FactorStatus.Secondary, f.Get(FactorKeys.GridIntensity, Mid2025).Status);
        Assert.Equal(2024, f.Get(FactorKeys.GridIntensity, Mid2025).Year);
        Assert.Equal(0.09m, V(FactorKeys.WorkplaceEnergy));
        Assert.Equal(FactorStatus.Assumption, f.Get(FactorKeys.WorkplaceEnergy, Mid2025).Status);
        Assert.Equal(0.78m, V(FactorKeys.VcpuMinWatts));
        Assert.Equal(3.76m, V(FactorKeys.VcpuMaxWatts));
        Assert.Equal(0.5m, V(FactorKeys.Utilisation));
        Assert.Equal(1.185m, V(FactorKeys.Pue));
        Assert.Equal(0.000392m, V(FactorKeys.MemoryEnergy));
        Assert.Equal(0.194m, V(FactorKeys.TransferEnergy));
        Assert.Equal(0.3m, V(FactorKeys.AiInference));
        Assert.Equal(FactorStatus.Checked, f.Get(FactorKeys.AiInference, Mid2025).Status);
        Assert.Equal(6m, V(FactorKeys.PaperPage));
        Assert.Equal(46m, V(FactorKeys.PostLetter));
        Assert.Equal(147m, V(FactorKeys.TripCar));
        Assert.Equal(65m, V(FactorKeys.TripPublicTransport));
        Assert.Equal(20m, V(FactorKeys.TripMinutes));
        Assert.Equal((277m, 6m, 1600m, 1m), (V(FactorKeys.DeviceEmbodied("pc")), V(FactorKeys.DeviceLifetime("pc")), V(FactorKeys.DeviceHours("pc")),
            V(FactorKeys.DeviceCount("pc"))));
        Assert.Equal((64.7m, 6.6m, 1600m, 1.5m), (V(FactorKeys.DeviceEmbodied("monitor")), V(FactorKeys.DeviceLifetime("monitor")),
            V(FactorKeys.DeviceHours("monitor")), V(FactorKeys.DeviceCount("monitor"))));
        Assert.Equal(FactorStatus.Secondary, f.Get(FactorKeys.DeviceEmbodied("monitor"), Mid2025).Status);
        Assert.Equal(FactorStatus.Assumption, f.Get(FactorKeys.DeviceCount("monitor"), Mid2025).Status);
        Assert.Contains("ADEME", f.Get(FactorKeys.DeviceEmbodied("pc"), Mid2025).Source, StringComparison.Ordinal);
        Assert.Equal(60m, f.Zeitwert(5, Complexity.Medium, Mid2025).Value);
        Assert.Equal(67200m, f.Zeitwert(17, Complexity.Complex, Mid2025).Value);
        Assert.Equal(42.20m, f.HourlyRate(AuthorityType.Kommune, PayLevel.Gehoben, Mid2025).Value);
        Assert.Equal(33.80m, f.HourlyRate(AuthorityType.Bund, PayLevel.EinfacherMittlerer, Mid2025).Value);
        Assert.Equal(69.30m, f.HourlyRate(AuthorityType.Land, PayLevel.Hoeher, Mid2025).Value);
        Assert.Equal(48.10m, f.HourlyRate(AuthorityType.Sozialversicherung, null, Mid2025).Value);
    }

    [Fact]
    public void Lookup_returns_the_version_valid_on_the_instants_utc_day()
    {
        var f = FactorSet.Default;
        var last2025 = f.Get(FactorKeys.GridIntensity, new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal(("grid.intensity@1", 363m), (last2025.Id, last2025.Value));
        var first2026 = f.Get(FactorKeys.GridIntensity, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(("grid.intensity@2", 344m), (first2026.Id, first2026.Value));
        Assert.Contains("Climate Change 16/2026", first2026.Source, StringComparison.Ordinal);
        // 00:30 on 1 January in Berlin is still 31 December in UTC: the UTC day decides.
        Assert.Equal(1, f.Get(FactorKeys.GridIntensity, new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1))).Version);
        Assert.Null(f.Find(FactorKeys.GridIntensity, new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        var e = Assert.Throws<AccountingException>(() => f.Get(FactorKeys.GridIntensity, new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("factor-not-valid", e.Code);
        Assert.Contains("keine am 31.12.2024 gültige Version von grid.intensity", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 01.01.2025 – 31.12.2025", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zeitwert_cells_marked_dash_are_refused_with_the_source()
    {
        var e = Assert.Throws<AccountingException>(() => FactorSet.Default.Zeitwert(6, Complexity.Complex, Mid2025));
        Assert.Contains("zeitwert.6.complex", e.Message, StringComparison.Ordinal);
        Assert.Equal("factor-undefined", e.Code);
        Assert.Contains("nicht festgelegt („–“)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Zeitwerttabelle Verwaltung, Ausgabe Januar 2025", e.Message, StringComparison.Ordinal);
        Assert.Equal(120m, FactorSet.Default.Zeitwert(6, Complexity.Medium, Mid2025).Value);
        Assert.Equal("activity-unknown", Assert.Throws<AccountingException>(() => FactorSet.Default.Zeitwert(18, Complexity.Simple, Mid2025)).Code);
    }

    [Fact]
    public void A_new_version_supersedes_the_open_one_and_old_sets_stay_unchanged()
    {
        var before = FactorSet.Default;
        var input = GridVersion(330m, new DateOnly(2027, 1, 1), null);
        // Plain Add refuses: version 2 is open-ended.
        Assert.Throws<FactorValidationException>(() => before.Add(input));
        var after = before.Supersede(input);
        Assert.Equal(2, before.VersionsOf(FactorKeys.GridIntensity).Count);
        Assert.Null(before.VersionsOf(FactorKeys.GridIntensity)[1].ValidTo);
        var versions = after.VersionsOf(FactorKeys.GridIntensity);
        Assert.Equal(new[] { "01.01.2025 – 31.12.2025", "01.01.2026 – 31.12.2026", "01.01.2027 – offen" }, versions.Select(v => v.Period));
        Assert.Equal(344m, versions[1].Value);
        Assert.Equal(330m, after.Get(FactorKeys.GridIntensity, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)).Value);
        Assert.Equal(344m, after.Get(FactorKeys.GridIntensity, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)).Value);
        // The same period again overlaps the version just added.
        Assert.Throws<FactorValidationException>(() => after.Add(input));
    }

    [Fact]
    public void Validator_refuses_an_overlapping_period_and_names_the_field()
    {
        var from2026 = GridVersion(350m, new DateOnly(2026, 6, 1), null);
        var result = FactorVersionValidator.Validate(from2026, FactorSet.Default.Versions);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("validFrom: überschneidet sich mit Version 2 von grid.intensity (01.01.2026 – offen)", error.ToString());

        // Starting earlier and running into version 1: the end is at fault.
        var early = GridVersion(350m, new DateOnly(2024, 1, 1), new DateOnly(2025, 3, 31));
        var earlyError = Assert.Single(FactorVersionValidator.Validate(early, FactorSet.Default.Versions).Errors);
        Assert.Equal("validTo: überschneidet sich mit Version 1 von grid.intensity (01.01.2025 – 31.12.2025)", earlyError.ToString());

        var beforeAll = GridVersion(386m, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        Assert.True(FactorVersionValidator.Validate(beforeAll, FactorSet.Default.Versions).IsValid);
    }

    [Fact]
    public void Validator_refuses_negative_values_missing_sources_and_unknown_status_naming_each_field()
    {
        var bad = GridVersion(-5m, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), source: "  ") with { Status = "geprüft" };
        var errors = FactorVersionValidator.Validate(bad, FactorSet.Default.Versions).Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("value: darf nicht negativ sein (-5)", errors);
        Assert.Contains(errors, e => e.StartsWith("source: fehlt (Pflichtangabe)", StringComparison.Ordinal));
        Assert.Contains("status: unbekannter Prüfstatus „geprüft“ (erwartet: checked, secondary oder assumption)", errors);
        Assert.Equal(3, errors.Count);

        var thrown = Assert.Throws<FactorValidationException>(() => FactorSet.Default.Add(bad));
        Assert.Equal(3, thrown.Errors.Count);
        Assert.Contains("value: darf nicht negativ sein", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_refuses_other_units_shares_above_one_reversed_periods_and_taken_versions()
    {
        var existing = FactorSet.Default.Versions;
        string Only(FactorVersionInput input) => Assert.Single(FactorVersionValidator.Validate(input, existing).Errors).ToString();

        Assert.Equal("unit: „kgCO2e/MWh“ weicht von Version 1 von grid.intensity ab („gCO2/kWh“); die Rechnung erwartet eine Einheit je Faktor",
            Only(GridVersion(0.33m, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)) with { Unit = "kgCO2e/MWh" }));
        Assert.Equal("value: ein Anteil muss zwischen 0 und 1 liegen, nicht 1,2", Only(new FactorVersionInput
        {
            Key = FactorKeys.TripShareCar, Value = 1.2m, Unit = "share", Source = "assumption", Year = 2024, Status = "assumption",
            ValidFrom = new DateOnly(2024, 1, 1), ValidTo = new DateOnly(2024, 12, 31),
        }));
        Assert.Equal("validTo: 31.12.2026 liegt vor validFrom 01.01.2027", Only(GridVersion(330m, new DateOnly(2027, 1, 1), new DateOnly(2026, 12, 31))));
        Assert.Equal("version: Version 2 von grid.intensity gibt es schon",
            Only(GridVersion(330m, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)) with { Version = 2 }));
        Assert.Equal("validFrom: fehlt (Pflichtangabe)", Only(GridVersion(330m, new DateOnly(2027, 1, 1), null) with { ValidFrom = null }));
    }

    [Fact]
    public void Validator_refuses_a_lifetime_of_zero_and_more_hours_than_a_year_has()
    {
        var existing = FactorSet.Default.Versions;
        FactorVersionInput Device(string key, decimal value, string unit) => new()
        {
            // A period before every shipped version, so only the value can be at fault.
            Key = key, Value = value, Unit = unit, Source = "inventory of the IT department", Year = 2024, Status = "assumption", ValidFrom = new DateOnly(2024, 1, 1),
            ValidTo = new DateOnly(2024, 12, 31),
        };
        string Only(FactorVersionInput input) => Assert.Single(FactorVersionValidator.Validate(input, existing).Errors).ToString();

        // A zero lifetime or zero hours would divide by zero when the next step is priced.
        Assert.Equal("value: muss größer als 0 years sein: die Rechnung teilt durch ihn", Only(Device(FactorKeys.DeviceLifetime("pc"), 0m, "years")));
        Assert.Equal("value: muss größer als 0 years sein: die Rechnung teilt durch ihn", Only(Device(FactorKeys.EmbodiedLifetime, 0m, "years")));
        Assert.Equal("value: muss größer als 0 h/year sein: die Rechnung teilt durch ihn", Only(Device(FactorKeys.DeviceHours("monitor"), 0m, "h/year")));
        Assert.Equal("value: ein Jahr hat 8.760 Stunden, nicht 8.761", Only(Device(FactorKeys.DeviceHours("monitor"), 8761m, "h/year")));
        Assert.True(FactorVersionValidator.Validate(Device(FactorKeys.DeviceHours("monitor"), 8760m, "h/year"), existing).IsValid);
        Assert.True(FactorVersionValidator.Validate(Device(FactorKeys.DeviceCount("monitor"), 2m, "devices/workplace"), existing).IsValid);
    }

    [Fact]
    public void The_grid_factor_is_labelled_co2_only_as_its_source_states_it()
    {
        // The UBA indicator is the direct CO2 of generation, not CO2e: unit, label and note say so (methodology.md §4).
        Assert.All(FactorSet.Default.VersionsOf(FactorKeys.GridIntensity), v =>
        {
            Assert.Equal("gCO2/kWh", v.Unit);
            Assert.Contains("nur CO2", v.Label, StringComparison.Ordinal);
            Assert.Contains("CO2-Emissionsfaktor", v.Source, StringComparison.Ordinal);
            Assert.Contains("Nur CO2", v.Note, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Factor_files_go_through_the_same_validation()
    {
        const string overlapping = """
            {"name": "t", "factors": [
              {"key": "paper.page", "version": 1, "value": 6, "unit": "gCO2e/page", "source": "s", "year": 2025, "status": "assumption", "validFrom": "2025-01-01", "validTo": null},
              {"key": "paper.page", "version": 2, "value": 5, "unit": "gCO2e/page", "source": "s", "year": 2025, "status": "assumption", "validFrom": "2025-07-01", "validTo": null}
            ]}
            """;
        var e = Assert.Throws<FactorValidationException>(() => FactorSet.Parse(overlapping));
        Assert.Contains("factors[1] (paper.page)", e.Message, StringComparison.Ordinal);
        Assert.Equal("validFrom: überschneidet sich mit Version 1 von paper.page (01.01.2025 – offen)", Assert.Single(e.Errors).ToString());

        var badDate = Assert.Throws<FactorValidationException>(() => FactorSet.Parse("""
            {"name": "t", "factors": [{"key": "paper.page", "value": 6, "unit": "g", "source": "s", "year": 2025, "status": "checked", "validFrom": "1.1.2025"}]}
            """));
        Assert.Equal("validFrom: muss ein Datum im Format JJJJ-MM-TT sein oder fehlen", Assert.Single(badDate.Errors).ToString());
        Assert.Throws<FactorValidationException>(() => FactorSet.Parse("not json"));
    }

    [Fact]
    public void A_set_built_from_stored_versions_prices_like_the_file_and_refuses_a_stored_overlap()
    {
        var reference = FactorSet.Default;
        var rebuilt = FactorSet.FromVersions(reference.Name, reference.Description, reference.Versions.Reverse(), reference.NotDefined);
        Assert.Equal(reference.Versions, rebuilt.Versions);
        Assert.Throws<AccountingException>(() => rebuilt.Zeitwert(6, Complexity.Complex, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        var overlapping = reference.Versions.Append(reference.VersionsOf(FactorKeys.GridIntensity)[0] with { Version = 3 });
        var e = Assert.Throws<FactorValidationException>(() => FactorSet.FromVersions("x", null, overlapping, []));
        Assert.Contains(e.Errors, x => x.Field == "validFrom");
    }
}
