using Automation.Workforce.Occupations;

namespace Automation.Workforce.Tests;

public sealed class OccupationTests
{
    [Fact]
    public void Catalogue_has_the_published_number_of_entries_per_level()
    {
        var catalog = KldbCatalog.Default;
        Assert.Equal([10, 37, 144, 703, 1301], Enumerable.Range(1, 5).Select(catalog.CountOnLevel));
        Assert.Equal(1301, catalog.Occupations.Count);
    }

    [Fact]
    public void Codes_get_their_leading_zeros_back_and_the_fifth_digit_is_the_requirement_level()
    {
        var catalog = KldbCatalog.Default;
        Assert.Equal("Offiziere", catalog.Find("01104")!.Title);
        Assert.Null(catalog.Find("1104"));
        Assert.Equal(RequirementLevel.Specialist, catalog.Find("71403")!.RequirementLevel);
        Assert.Equal(RequirementLevel.Helper, KldbCatalog.RequirementLevelOf("71401"));
        Assert.Null(KldbCatalog.RequirementLevelOf("7140"));
        Assert.True(catalog.IsOccupation("73202"));
        Assert.False(catalog.IsOccupation("99999"));
    }

    [Fact]
    public void Substitutability_is_only_accepted_with_a_source_and_a_known_code()
    {
        var catalog = KldbCatalog.Default;
        Assert.NotNull(SubstitutabilityPotential.Validate("73202", 50, null, 2022, catalog));
        Assert.NotNull(SubstitutabilityPotential.Validate("73202", 150, "IAB", 2022, catalog));
        Assert.NotNull(SubstitutabilityPotential.Validate("7320", 50, "IAB", 2022, catalog));
        Assert.Null(SubstitutabilityPotential.Validate("73202", 50, "IAB Job-Futuromat", 2022, catalog));
        Assert.Equal(45.4, SubstitutabilityPotential.LevelAverage(RequirementLevel.Professional));
        Assert.Null(SubstitutabilityPotential.LevelAverage(null));
    }
}
