using SemaineIndustrie.Contracts.Geocoding;

namespace SemaineIndustrie.Web.Api;

/// <summary>The geocoding API (/api/geocoding): a venue's location, and its correction by a reviewer.</summary>
public sealed class GeocodingClient(PlatformApi api)
{
    public Task<ApiAnswer<LocationView>> VenueAsync(Guid submissionId, CancellationToken ct) => api.GetAsync<LocationView>($"api/geocoding/venues/{submissionId}", ct);

    public Task<ApiAnswer<Nothing>> PlaceAsync(Guid submissionId, CorrectionRequest correction, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Put, $"api/geocoding/venues/{submissionId}/location", correction, ct);
}
