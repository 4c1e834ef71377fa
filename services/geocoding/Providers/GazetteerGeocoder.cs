using SemaineIndustrie.Geocoding.Gazetteer;

namespace SemaineIndustrie.Geocoding.Providers;

/// <summary>The offline gazetteer: commune-level positions, always available.</summary>
public sealed class GazetteerGeocoder : IGeocodingProvider
{
    public string Name => "gazetteer";

    public Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken cancellationToken) =>
        Task.FromResult(OfflineGazetteer.Instance.Find(venue.CommuneInsee) is { } point
            ? new GeocodeResult(point.Latitude, point.Longitude, point.Precision, $"gazetteer:{point.Method}", null)
            : null);
}
