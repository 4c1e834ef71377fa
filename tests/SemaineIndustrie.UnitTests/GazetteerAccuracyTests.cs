using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding.Gazetteer;
using SemaineIndustrie.Geocoding.Providers;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The offline gazetteer against independent reference positions: town-centre coordinates as given by
/// the French Wikipedia infoboxes (which take them from IGN), rounded to 4 decimals — not from GeoNames.
/// Communes with their own point must be within 10 km; fallbacks within the bound their method was
/// measured at (leave-one-out, docs/geocoding.md).
/// </summary>
public sealed class GazetteerAccuracyTests
{
    public static TheoryData<string, string, double, double, double> References => new()
    {
        // INSEE, name, reference latitude, longitude, allowed km
        { "32013", "Auch", 43.6465, 0.5855, 10 },
        { "32132", "Fleurance", 43.8486, 0.6631, 10 },
        { "31555", "Toulouse", 43.6045, 1.4440, 10 },
        { "75056", "Paris", 48.8566, 2.3522, 10 },
        { "69123", "Lyon", 45.7640, 4.8357, 10 },
        { "13055", "Marseille", 43.2965, 5.3698, 10 },
        { "33063", "Bordeaux", 44.8378, -0.5792, 10 },
        { "44109", "Nantes", 47.2184, -1.5536, 10 },
        { "67482", "Strasbourg", 48.5734, 7.7521, 10 },
        { "59350", "Lille", 50.6292, 3.0573, 10 },
        { "29019", "Brest", 48.3904, -4.4861, 10 },
        { "06088", "Nice", 43.7102, 7.2620, 10 },
        { "63113", "Clermont-Ferrand", 45.7772, 3.0870, 10 },
        { "35238", "Rennes", 48.1173, -1.6778, 10 },
        { "21231", "Dijon", 47.3220, 5.0415, 10 },
        { "87085", "Limoges", 45.8336, 1.2611, 10 },
        { "2A004", "Ajaccio", 41.9192, 8.7386, 10 },
        { "2B033", "Bastia", 42.6977, 9.4508, 10 },
        { "97411", "Saint-Denis (La Réunion)", -20.8823, 55.4504, 10 },
        { "97302", "Cayenne", 4.9224, -52.3135, 10 },
        { "97209", "Fort-de-France", 14.6161, -61.0588, 10 },
        { "97120", "Pointe-à-Pitre", 16.2411, -61.5331, 10 },
        { "97611", "Mamoudzou", -12.7806, 45.2279, 10 },
        { "65286", "Lourdes", 43.0947, -0.0459, 10 },
        { "74056", "Chamonix-Mont-Blanc", 45.9237, 6.8694, 10 },
        { "89446", "Vézelay", 47.4660, 3.7444, 10 },
        { "46240", "Rocamadour", 44.7994, 1.6178, 10 },
        // Fallbacks (no GeoNames point of their own).
        { "19057", "Collonges-la-Rouge (postal ∩ EPCI)", 45.0600, 1.6550, 10 },
        { "24355", "La Roque-Gageac (postal)", 44.8250, 1.1833, 10 },
        { "50353", "Le Mont-Saint-Michel (postal ∩ EPCI; an island off its neighbours)", 48.6361, -1.5115, 15 },
        { "46256", "Saint-Cirq-Lapopie (EPCI)", 44.4651, 1.6703, 25 },
        { "05157", "Saint-Véran (EPCI)", 44.7014, 6.8683, 25 },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Each_reference_commune_is_placed_within_its_bound(string insee, string name, double latitude, double longitude, double allowedKm)
    {
        var point = OfflineGazetteer.Instance.Find(insee);
        Assert.NotNull(point);
        var error = Distance.Kilometres(latitude, longitude, point.Latitude, point.Longitude);
        Assert.True(error <= allowedKm, $"{name}: {error:0.0} km from the reference (allowed {allowedKm} km, method {point.Method})");
        Assert.Equal(point.Method is "g" or "f" ? LocationPrecision.Municipality : LocationPrecision.Fallback, point.Precision);
    }

    [Fact]
    public void Every_commune_has_a_position()
    {
        Assert.Equal(Territory.CommuneDirectory.Instance.Count, OfflineGazetteer.Instance.Count);
        var (nearest, km) = OfflineGazetteer.Instance.Nearest(43.6465, 0.5855);
        Assert.Equal("32013", nearest.Code);
        Assert.True(km < 1);
    }

    [Theory]
    [InlineData("32013", "32013", true)]
    [InlineData("32013", "31555", false)]
    [InlineData("75111", "75056", true)]   // Paris 11e
    [InlineData("13206", "13055", true)]   // Marseille 6e
    [InlineData("69383", "69123", true)]   // Lyon 3e
    [InlineData("69383", "75056", false)]
    [InlineData(null, "32013", false)]
    public void A_BAN_result_must_be_in_the_venues_commune(string? cityCode, string commune, bool same) =>
        Assert.Equal(same, BanGeocoder.SameCommune(cityCode, commune));
}
