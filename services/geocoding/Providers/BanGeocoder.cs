using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Providers;

/// <summary>
/// The national address base (BAN) or any server answering its /search with GeocodeJSON. A result is
/// accepted only when it lies in the venue's commune (its citycode, or an arrondissement of Paris, Lyon
/// or Marseille) and its score reaches Geocoding:Ban:MinScore; otherwise — and when BAN is slow, failing,
/// rate-limiting us or broken-circuited — the chain falls through to the offline gazetteer.
/// </summary>
public sealed partial class BanGeocoder(HttpClient http, IOptions<BanOptions> options, ILogger<BanGeocoder> logger) : IGeocodingProvider
{
    public string Name => "ban";

    public async Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken cancellationToken)
    {
        var q = Uri.EscapeDataString($"{venue.Street} {venue.PostalCode} {venue.CommuneName}");
        var response = await http.GetFromJsonAsync<FeatureCollection>($"search/?q={q}&postcode={venue.PostalCode}&limit=1&autocomplete=0", cancellationToken);
        var feature = response?.Features?.FirstOrDefault();
        if (feature?.Properties is not { } p || feature.Geometry?.Coordinates is not [var lon, var lat])
        {
            return null;
        }
        if (!SameCommune(p.CityCode, venue.CommuneInsee))
        {
            LogRejected(logger, "citycode", p.CityCode ?? "?", venue.CommuneInsee);
            return null;
        }
        if (p.Score < options.Value.MinScore)
        {
            LogRejected(logger, "score", p.Score.ToString("0.00"), venue.CommuneInsee);
            return null;
        }
        var precision = p.Type switch
        {
            "housenumber" => LocationPrecision.Housenumber,
            "street" or "locality" => LocationPrecision.Street,
            _ => LocationPrecision.Municipality,
        };
        return new GeocodeResult(lat, lon, precision, Name, Math.Round(p.Score, 4));
    }

    /// <summary>BAN answers with arrondissement codes in Paris (75101–75120), Marseille (13201–13216) and Lyon (69381–69389).</summary>
    public static bool SameCommune(string? cityCode, string communeInsee) => cityCode is not null && (cityCode == communeInsee || communeInsee switch
    {
        "75056" => cityCode.StartsWith("751", StringComparison.Ordinal),
        "13055" => cityCode.StartsWith("132", StringComparison.Ordinal),
        "69123" => cityCode.StartsWith("6938", StringComparison.Ordinal),
        _ => false,
    });

    private sealed record FeatureCollection([property: JsonPropertyName("features")] List<Feature>? Features);
    private sealed record Feature([property: JsonPropertyName("geometry")] Geometry? Geometry, [property: JsonPropertyName("properties")] Properties? Properties);
    private sealed record Geometry([property: JsonPropertyName("coordinates")] double[]? Coordinates);
    private sealed record Properties(
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("citycode")] string? CityCode,
        [property: JsonPropertyName("postcode")] string? PostCode,
        [property: JsonPropertyName("label")] string? Label);

    [LoggerMessage(Level = LogLevel.Information, Message = "BAN result not accepted ({Reason} {Value}) for commune {Commune}")]
    private static partial void LogRejected(ILogger logger, string reason, string value, string commune);
}
