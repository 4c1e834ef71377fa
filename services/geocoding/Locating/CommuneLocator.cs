using System.Collections.Frozen;

namespace SemaineIndustrie.Geocoding.Locating;

public sealed record CommunePoint(double Latitude, double Longitude);

/// <summary>
/// Walking-skeleton locator: commune centres for a handful of communes (coordinates of the town halls
/// rounded to 4 decimals). The geocoding issue replaces it with the BAN client and the offline
/// gazetteer covering every commune.
/// </summary>
public sealed class CommuneLocator
{
    public const string Source = "skeleton-table";

    private static readonly FrozenDictionary<string, CommunePoint> Communes = new Dictionary<string, CommunePoint>
    {
        ["32013"] = new(43.6465, 0.5855),   // Auch
        ["32132"] = new(43.8486, 0.6631),   // Fleurance
        ["31555"] = new(43.6045, 1.4440),   // Toulouse
        ["75056"] = new(48.8566, 2.3522),   // Paris
        ["69123"] = new(45.7640, 4.8357),   // Lyon
        ["2A004"] = new(41.9192, 8.7386),   // Ajaccio
        ["2B033"] = new(42.7028, 9.4507),   // Bastia
        ["97411"] = new(-20.8789, 55.4481), // Saint-Denis (La Réunion)
    }.ToFrozenDictionary();

    public CommunePoint? Locate(string communeInsee) => Communes.GetValueOrDefault(communeInsee);
}
