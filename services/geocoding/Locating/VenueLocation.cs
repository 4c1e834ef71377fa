using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Locating;

/// <summary>
/// Where a submission's venue is, for the latest version seen. A manual correction wins over automatic
/// results until the address changes.
/// </summary>
public sealed class VenueLocation
{
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; set; }
    public required string AddressKey { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public LocationPrecision? Precision { get; set; }
    public string? Source { get; set; }
    public double? Score { get; set; }
    public string? CorrectedBy { get; set; }
    public string? UnlocatedReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }

    public bool IsLocated => Latitude is not null && Longitude is not null;
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
