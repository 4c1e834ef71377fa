using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Providers;

public sealed record VenueQuery(string Street, string PostalCode, string CommuneInsee, string CommuneName)
{
    public static VenueQuery Of(Venue venue) => new(venue.Street, venue.PostalCode, venue.CommuneInsee, venue.CommuneName);

    /// <summary>The longest key stored (the address_key columns hold 400 characters).</summary>
    public const int MaxKeyLength = 400;

    /// <summary>
    /// The cache key: an address that did not change is not geocoded again. The normalised address, or —
    /// when normalising makes it longer than <see cref="MaxKeyLength"/> (a 200-character street of "œ"
    /// becomes 400 "oe") — its start and a SHA-256 of the whole, so that every address has a key that fits.
    /// </summary>
    public string Key
    {
        get
        {
            var key = $"{Territory.CommuneNames.Normalise(Street)}|{PostalCode}|{CommuneInsee}";
            if (key.Length <= MaxKeyLength) return key;
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
            return $"{key[..(MaxKeyLength - hash.Length - 1)]}#{hash}";
        }
    }
}

public sealed record GeocodeResult(double Latitude, double Longitude, LocationPrecision Precision, string Source, double? Score);

public interface IGeocodingProvider
{
    string Name { get; }

    /// <summary>A trusted position for the venue, or null to let the next provider try.</summary>
    Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken cancellationToken);
}
