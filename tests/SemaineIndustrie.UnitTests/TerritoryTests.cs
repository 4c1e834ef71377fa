using SemaineIndustrie.Territory;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class TerritoryTests
{
    [Theory]
    [InlineData("32013", "32", "76")]  // Auch, Gers, Occitanie
    [InlineData("75056", "75", "11")]  // Paris
    [InlineData("2A004", "2A", "94")]  // Ajaccio, Corse-du-Sud
    [InlineData("2B033", "2B", "94")]  // Bastia, Haute-Corse
    [InlineData("97411", "974", "04")] // Saint-Denis, La Réunion
    [InlineData("97611", "976", "06")] // Mamoudzou, Mayotte
    public void A_commune_code_leads_to_its_departement_and_region(string insee, string departement, string region)
    {
        var found = FrenchTerritory.DepartementOfCommune(insee);
        Assert.NotNull(found);
        Assert.Equal(departement, found.Code);
        Assert.Equal(region, found.RegionCode);
        Assert.NotNull(FrenchTerritory.FindRegion(found.RegionCode));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3201")]
    [InlineData("320133")]
    [InlineData("20004")]  // Corsica has no "20" département since 1976
    [InlineData("97501")]  // Saint-Pierre-et-Miquelon is not a département
    [InlineData("9X411")]
    public void A_malformed_or_unknown_code_resolves_to_nothing(string? insee) =>
        Assert.Null(FrenchTerritory.DepartementOfCommune(insee));

    [Fact]
    public void The_reference_has_101_departements_in_18_regions_each_known()
    {
        Assert.Equal(101, FrenchTerritory.Departements.Count);
        Assert.Equal(18, FrenchTerritory.Regions.Count);
        Assert.All(FrenchTerritory.Departements, d => Assert.NotNull(FrenchTerritory.FindRegion(d.RegionCode)));
        Assert.All(FrenchTerritory.Regions, r => Assert.Contains(FrenchTerritory.Departements, d => d.RegionCode == r.Code));
    }
}
