namespace SemaineIndustrie.Contracts;

/// <summary>How precise a venue location is, best first.</summary>
public enum LocationPrecision
{
    Housenumber,
    Street,
    Municipality,
    Fallback,
    Manual,
}

/// <summary>
/// Where a version's venue is. Geocoding's automatic answer for a version carries that version's content
/// (<see cref="Event"/>): publication learns both from this one message instead of also consuming SubmissionReceived
/// and SubmissionRevised (docs/messaging.md, "One submission's messages"). A reviewer's correction carries none.
/// </summary>
public sealed record VenueLocated(
    Guid SubmissionId,
    int SubmissionVersion,
    double Latitude,
    double Longitude,
    LocationPrecision Precision,
    string Source,
    double? Score,
    DateTimeOffset LocatedAt,
    EventDetails? Event = null) : ISubmissionEvent;

/// <summary>No provider could place a version's venue; like <see cref="VenueLocated"/>, it carries the version's content.</summary>
public sealed record VenueUnlocated(
    Guid SubmissionId,
    int SubmissionVersion,
    string Reason,
    DateTimeOffset At,
    EventDetails? Event = null) : ISubmissionEvent;
