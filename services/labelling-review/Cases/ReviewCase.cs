namespace SemaineIndustrie.LabellingReview.Cases;

public enum CaseStatus
{
    Pending,
    Labelled,
    Refused,
    ChangesRequested,
    Withdrawn,
}

public enum LocationStatus
{
    Unknown,
    Located,
    Unlocated,
}

/// <summary>
/// The venue's location as geocoding last reported it, per submission. Kept apart from the case because
/// location news may arrive before the case is opened (both react to SubmissionReceived in parallel).
/// </summary>
public sealed class VenueLocationStatus
{
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; set; }
    public LocationStatus Status { get; set; }
}

/// <summary>A submission under review, routed to the queue of its (région, département).</summary>
public sealed class ReviewCase
{
    public Guid Id { get; init; }
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; set; }
    public required string OrganiserId { get; init; }
    public required string Title { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Motivation { get; set; }
    /// <summary>PostgreSQL xmin: concurrent updates of one case conflict instead of both winning.</summary>
    public uint RowVersion { get; set; }
}
