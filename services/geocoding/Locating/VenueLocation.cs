using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Locating;

/// <summary>The location of a submission's venue, for the latest version seen.</summary>
public sealed class VenueLocation
{
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; set; }
    public required string CommuneInsee { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public LocationPrecision? Precision { get; set; }
    public string? Source { get; set; }
    public string? UnlocatedReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
