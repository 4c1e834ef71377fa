using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding.Providers;

namespace SemaineIndustrie.Geocoding.Locating;

/// <summary>
/// Where a submission's venue is, for the latest version seen. A manual correction wins over automatic
/// results until the address changes.
/// </summary>
public sealed class VenueLocation
{
    public Guid SubmissionId { get; private init; }
    public int SubmissionVersion { get; private set; }
    public string AddressKey { get; private set; } = "";
    public string CommuneInsee { get; private set; } = "";
    public string Departement { get; private set; } = "";
    public string Region { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public LocationPrecision? Precision { get; private set; }
    public string? Source { get; private set; }
    public double? Score { get; private set; }
    public string? CorrectedBy { get; private set; }
    public string? UnlocatedReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; set; }

    public bool IsLocated => Latitude is not null && Longitude is not null;

    public static VenueLocation For(Guid submissionId) => new() { SubmissionId = submissionId };

    /// <summary>Whether this version's address is the one already placed (a reviewer's correction included).</summary>
    public bool Keeps(string addressKey) => AddressKey == addressKey && IsLocated;

    /// <summary>
    /// Where a newer version's venue is: an unchanged address keeps its position (a correction included);
    /// a new one takes <paramref name="result"/>, or is unlocated when no provider could place it. Announces
    /// the outcome as VenueLocated or VenueUnlocated, with the version's content (<paramref name="details"/>), which is how
    /// publication learns it. Older or repeated versions: null.
    /// </summary>
    public object? Locate(int version, EventDetails details, string addressKey, GeocodeResult? result, DateTimeOffset now)
    {
        var venue = details.Venue;
        if (version <= SubmissionVersion) return null;
        var keep = Keeps(addressKey);
        SubmissionVersion = version;
        (CommuneInsee, Departement, Region, UpdatedAt) = (venue.CommuneInsee, venue.Departement, venue.Region, now);
        if (!keep)
        {
            (AddressKey, CorrectedBy) = (addressKey, null);
            (Latitude, Longitude, Precision, Source, Score) = (result?.Latitude, result?.Longitude, result?.Precision, result?.Source, result?.Score);
            UnlocatedReason = result is null ? $"No provider could place {venue.PostalCode} {venue.CommuneName} ({venue.CommuneInsee})." : null;
        }
        return Announcement(now, details);
    }

    /// <summary>A reviewer places the venue by hand: it wins over automatic results until the address changes.</summary>
    public VenueLocated Correct(double latitude, double longitude, string reviewer, DateTimeOffset now)
    {
        (Latitude, Longitude, Precision, Source, Score, CorrectedBy, UnlocatedReason) = (latitude, longitude, LocationPrecision.Manual, "reviewer", null, reviewer, null);
        UpdatedAt = now;
        return (VenueLocated)Announcement(now, details: null); // publication has the content from the version's automatic answer
    }

    private object Announcement(DateTimeOffset now, EventDetails? details) => IsLocated
        ? new VenueLocated(SubmissionId, SubmissionVersion, Latitude!.Value, Longitude!.Value, Precision!.Value, Source!, Score, now, details)
        : new VenueUnlocated(SubmissionId, SubmissionVersion, UnlocatedReason!, now, details);
}

/// <summary>A trusted BAN answer for a normalised address.</summary>
public sealed class GeocodeCacheEntry
{
    public required string AddressKey { get; init; }
    public double Latitude { get; init; }
    public double Longitude { get; init; }
    public LocationPrecision Precision { get; init; }
    public required string Source { get; init; }
    public double? Score { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
