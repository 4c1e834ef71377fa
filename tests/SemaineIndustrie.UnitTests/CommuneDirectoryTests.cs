using SemaineIndustrie.Territory;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class CommuneDirectoryTests
{
    private static readonly CommuneDirectory Directory = CommuneDirectory.Instance;

    [Theory]
    [InlineData("32000", "Auch", "32013", "32", "76")]                        // Gers, Occitanie
    [InlineData("32200", "ESCORNEBOEUF", "32123", "32", "76")]                // case, œ
    [InlineData("17400", "St Jean d’Angely", "17347", "17", "75")]            // abbreviation, apostrophe, accents
    [InlineData("01200", "Bellegarde-sur-Valserine", "01033", "01", "84")]    // former commune, now Valserhône
    [InlineData("20000", "Ajaccio", "2A004", "2A", "94")]                     // Corse-du-Sud
    [InlineData("97400", "Saint-Denis", "97411", "974", "04")]                // La Réunion
    [InlineData("75011", "Paris", "75056", "75", "11")]                       // an arrondissement's postal code
    public void A_postal_code_and_a_name_resolve_to_one_commune(string postal, string name, string code, string departement, string region)
    {
        var found = Assert.IsType<CommuneResolution.Found>(Directory.Resolve(postal, name, null)).Commune;
        Assert.Equal(code, found.Code);
        Assert.Equal(departement, found.Departement);
        Assert.Equal(region, found.Region);
    }

    [Fact]
    public void A_postal_code_shared_by_several_communes_needs_the_name_and_lists_them()
    {
        var problem = Assert.IsType<CommuneResolution.NotFound>(Directory.Resolve("32200", null, null));
        Assert.Equal("venue.commune", problem.Field);
        Assert.Contains(problem.Candidates, c => c.Code == "32147"); // Gimont
        Assert.True(problem.Candidates.Count >= 5);
        Assert.All(problem.Candidates, c => Assert.Contains("32200", c.PostalCodes));
    }

    [Fact]
    public void A_commune_that_does_not_have_the_postal_code_is_refused_with_the_candidates()
    {
        var byName = Assert.IsType<CommuneResolution.NotFound>(Directory.Resolve("32000", "Toulouse", null));
        Assert.Equal("venue.commune", byName.Field);
        Assert.Equal(["32013"], byName.Candidates.Select(c => c.Code));

        var byCode = Assert.IsType<CommuneResolution.NotFound>(Directory.Resolve("32000", null, "31555"));
        Assert.Equal("venue.communeInsee", byCode.Field);

        var unknown = Assert.IsType<CommuneResolution.NotFound>(Directory.Resolve("99999", "Nulle-part", null));
        Assert.Equal("venue.postalCode", unknown.Field);
        Assert.Empty(unknown.Candidates);
    }

    [Fact]
    public void An_INSEE_code_with_its_postal_code_resolves_without_a_name()
    {
        var found = Assert.IsType<CommuneResolution.Found>(Directory.Resolve("32200", null, "32147"));
        Assert.Equal("Gimont", found.Commune.Name);
    }

    [Fact]
    public void Every_commune_of_metropolitan_France_Corsica_and_the_overseas_departements_is_there_and_consistent()
    {
        Assert.Equal(34_875, Directory.Count);
        foreach (var departement in FrenchTerritory.Departements)
        {
            Assert.NotEmpty(Enumerable.Range(0, 1000).Select(i => Directory.Find(departement.Code.Length == 3
                ? $"{departement.Code}{i % 100:00}" : $"{departement.Code}{i:000}")).OfType<Commune>());
        }
        Assert.Equal("Mamoudzou", Directory.Find("97611")?.Name);
        Assert.Equal("Bastia", Directory.Find("2B033")?.Name);
    }

    [Fact]
    public void Each_communes_departement_and_region_agree_with_the_reference()
    {
        foreach (var departement in FrenchTerritory.Departements)
        {
            var sample = Directory.WithPostalCode(departement.Code.StartsWith("97") ? departement.Code + "00" : departement.Code + "000")
                .Concat(departement.Code == "2A" ? Directory.WithPostalCode("20000") : [])
                .Concat(departement.Code == "2B" ? Directory.WithPostalCode("20200") : []);
            foreach (var commune in sample.Where(c => c.Departement == departement.Code))
            {
                Assert.Equal(departement.RegionCode, commune.Region);
                Assert.Equal(departement.Code, FrenchTerritory.DepartementOfCommune(commune.Code)?.Code);
            }
        }
    }

    [Theory]
    [InlineData("Saint-Étienne", "saint etienne")]
    [InlineData("STE-MARIE", "sainte marie")]
    [InlineData("L'Haÿ-les-Roses", "l hay les roses")]
    [InlineData("  Mt   St-Michel ", "mont saint michel")]
    public void Names_are_compared_without_case_accents_punctuation_or_abbreviations(string written, string normalised) =>
        Assert.Equal(normalised, CommuneNames.Normalise(written));
}
