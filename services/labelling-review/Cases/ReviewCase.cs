using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.LabellingReview.Cases;

public enum CaseStatus
{
    Pending,
    ChangesRequested,
    Labelled,
    Refused,
    Withdrawn,
}

public enum LocationStatus
{
    Unknown,
    Located,
    Unlocated,
    Corrected,
}

/// <summary>
/// A submission under review, in the queue of its (région, département), at its latest version. A
/// revision of a decided or changes-requested case puts it back in the queue; a withdrawal closes it.
/// </summary>
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
    public required string[] Sectors { get; set; }
    /// <summary>The event's first day, Europe/Paris: duplicate detection and date filters.</summary>
    public DateOnly EventDay { get; set; }
    /// <summary>The current version's content, as the submission service published it.</summary>
    public required string Details { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset FirstReceivedAt { get; init; }
    public DateTimeOffset VersionReceivedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimExpiresAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionMessage { get; set; }
    /// <summary>The automatic checks of the current version (JSON), see PreChecks.</summary>
    public required string PreChecks { get; set; }
    public Guid[] PossibleDuplicates { get; set; } = [];
    /// <summary>PostgreSQL xmin: concurrent changes of one case conflict instead of both winning.</summary>
    public uint RowVersion { get; set; }

    public bool IsClaimed(DateTimeOffset now) => ClaimedBy is not null && ClaimExpiresAt > now;

    public bool IsClaimedByOther(string reviewer, DateTimeOffset now) => IsClaimed(now) && ClaimedBy != reviewer;

    public bool IsOverdue(DateTimeOffset now) => Status == CaseStatus.Pending && DueAt < now;

    public void Describe(ISubmissionEvent version, EventDetails details, string detailsJson, DateTimeOffset receivedAt, DateTimeOffset dueAt)
    {
        SubmissionVersion = version.SubmissionVersion;
        (Title, CommuneInsee, Departement, Region) = (details.Title, details.Venue.CommuneInsee, details.Venue.Departement, details.Venue.Region);
        Sectors = details.Sectors.ToArray();
        EventDay = DateOnly.FromDateTime(details.StartsAt.DateTime);
        Details = detailsJson;
        (VersionReceivedAt, DueAt) = (receivedAt, dueAt);
    }

    /// <summary>A newer version: back in the queue unless withdrawn; the previous decision is kept in the audit trail.</summary>
    public void Reopen()
    {
        if (Status == CaseStatus.Withdrawn) return;
        Status = CaseStatus.Pending;
        (DecidedAt, DecidedBy, DecisionMessage) = (null, null, null);
    }

    public void Release() => (ClaimedBy, ClaimExpiresAt) = (null, null);
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
    public string? Detail { get; set; }
}

/// <summary>A submission withdrawn before (or after) its case: a late SubmissionReceived must not open it.</summary>
public sealed class Withdrawal
{
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; init; }
    public DateTimeOffset WithdrawnAt { get; init; }
}

/// <summary>A reviewers-only note on a case.</summary>
public sealed class CaseNote
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public int SubmissionVersion { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>One line of a case's audit trail: who did what, when, on which version.</summary>
public sealed class CaseAuditEntry
{
    public long Id { get; private set; }
    public Guid CaseId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public int SubmissionVersion { get; init; }
    public string? Detail { get; init; }

    public const string System = "system";
}
