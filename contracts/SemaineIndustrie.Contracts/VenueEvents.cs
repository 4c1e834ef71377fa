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

public sealed record VenueLocated(
    Guid SubmissionId,
    int SubmissionVersion,
    double Latitude,
    double Longitude,
    LocationPrecision Precision,
    string Source,
    double? Score,
    DateTimeOffset LocatedAt) : ISubmissionEvent;

public sealed record VenueUnlocated(
    Guid SubmissionId,
    int SubmissionVersion,
    string Reason,
    DateTimeOffset At) : ISubmissionEvent;
