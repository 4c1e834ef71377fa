using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Providers;

public sealed record VenueQuery(string Street, string PostalCode, string CommuneInsee, string CommuneName)
{
    public static VenueQuery Of(Venue venue) => new(venue.Street, venue.PostalCode, venue.CommuneInsee, venue.CommuneName);

    /// <summary>The cache key: an address that did not change is not geocoded again.</summary>
    public string Key => $"{Territory.CommuneNames.Normalise(Street)}|{PostalCode}|{CommuneInsee}";
}

public sealed record GeocodeResult(double Latitude, double Longitude, LocationPrecision Precision, string Source, double? Score);

public interface IGeocodingProvider
{
    string Name { get; }

    /// <summary>A trusted position for the venue, or null to let the next provider try.</summary>
    Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken cancellationToken);
}
