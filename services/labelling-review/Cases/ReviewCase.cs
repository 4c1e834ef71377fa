using SemaineIndustrie.Contracts;
using SemaineIndustrie.ServiceDefaults.Domain;

namespace SemaineIndustrie.LabellingReview.Cases;

/// <summary>
/// What a state change of a case leaves behind: its audit line (action, detail) and the event it raises,
/// if any. The adapter records the line and puts the event in the outbox, in the same transaction.
/// </summary>
public sealed record CaseTransition(string Action, string? Detail, object? Event = null);

/// <summary>
/// A submission under review, in the queue of its (région, département), at its latest version. Its
/// state changes only through its own methods, which guard the review's rules and return what they did:
/// pending ⇄ claimed → labelled | refused | changes requested; a newer version reopens it (and may move
/// it to another queue); a withdrawal closes it for good.
/// </summary>
public sealed class ReviewCase
{
    public Guid Id { get; private init; }
    public Guid SubmissionId { get; private init; }
    public int SubmissionVersion { get; private set; }
    public string OrganiserId { get; private init; } = "";
    public string Title { get; private set; } = "";
    public string CommuneInsee { get; private set; } = "";
    public string Departement { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string[] Sectors { get; private set; } = [];
    /// <summary>The year of the edition the current version was validated against (queues, statistics and exports are per edition).</summary>
    public int Edition { get; private set; }
    /// <summary>The event's first day, Europe/Paris: duplicate detection and date filters.</summary>
    public DateOnly EventDay { get; private set; }
    /// <summary>The current version's content, as the submission service published it.</summary>
    public string Details { get; private set; } = "{}";
    public CaseStatus Status { get; private set; }
    public DateTimeOffset FirstReceivedAt { get; private init; }
    public DateTimeOffset VersionReceivedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? ClaimExpiresAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionMessage { get; private set; }
    /// <summary>The automatic checks of the current version (JSON), see PreChecks.</summary>
    public string PreChecks { get; set; } = "[]";
    public Guid[] PossibleDuplicates { get; set; } = [];
    /// <summary>The words a search finds the case by (<see cref="Search.CaseSearch"/>), normalised, from its current version.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>PostgreSQL xmin: concurrent changes of one case conflict instead of both winning.</summary>
    public uint RowVersion { get; set; }

    public bool IsClaimed(DateTimeOffset now) => ClaimedBy is not null && ClaimExpiresAt > now;

    public bool IsClaimedByOther(string reviewer, DateTimeOffset now) => IsClaimed(now) && ClaimedBy != reviewer;

    public bool IsOverdue(DateTimeOffset now) => Status == CaseStatus.Pending && DueAt < now;

    /// <summary>A first version: a pending case in the queue of the venue's (région, département).</summary>
    public static (ReviewCase Case, IReadOnlyList<CaseTransition> Changes) Open(
        ISubmissionEvent version, string organiserId, EventDetails details, string detailsJson, DateTimeOffset receivedAt, DateTimeOffset dueAt)
    {
        var reviewCase = new ReviewCase
        {
            Id = Guid.CreateVersion7(receivedAt), SubmissionId = version.SubmissionId, OrganiserId = organiserId,
            Status = CaseStatus.Pending, FirstReceivedAt = receivedAt,
        };
        reviewCase.Describe(version, details, detailsJson, receivedAt, dueAt);
        return (reviewCase, [new CaseTransition("opened", $"Queue {reviewCase.Region}/{reviewCase.Departement}.", reviewCase.Announcement(receivedAt))]);
    }

    /// <summary>
    /// A newer version: the case moves to it, goes back to the queue unless withdrawn (<see cref="Reopen"/>),
    /// and follows the venue to another queue if it moved (<see cref="MoveQueue"/>). Older or same versions,
    /// and a withdrawn case, change nothing.
    /// </summary>
    public IReadOnlyList<CaseTransition> ReceiveVersion(ISubmissionEvent version, EventDetails details, string detailsJson, DateTimeOffset receivedAt, DateTimeOffset dueAt)
    {
        if (version.SubmissionVersion <= SubmissionVersion || Status == CaseStatus.Withdrawn) return [];
        var previous = Status;
        var queue = (Region, Departement);
        Describe(version, details, detailsJson, receivedAt, dueAt);
        Reopen();
        var moved = MoveQueue(queue.Region, queue.Departement);
        var changes = new List<CaseTransition>
        {
            new(previous == CaseStatus.Pending ? "revised" : "reopened",
                moved is null
                    ? $"Version {version.SubmissionVersion} (was {previous})."
                    : $"Version {version.SubmissionVersion} (was {previous}); moved from queue {queue.Region}/{queue.Departement} to {Region}/{Departement}.",
                Announcement(receivedAt)),
        };
        if (moved is not null) changes.Add(moved);
        return changes;
    }

    /// <summary>Back in the queue, undecided: the previous decision stays in the audit trail. A withdrawn case stays withdrawn.</summary>
    public void Reopen()
    {
        if (Status == CaseStatus.Withdrawn) return;
        Status = CaseStatus.Pending;
        (DecidedAt, DecidedBy, DecisionMessage) = (null, null, null);
    }

    /// <summary>
    /// The case is now in another (région, département) queue than <paramref name="fromRegion"/>/<paramref name="fromDepartement"/>:
    /// a claim by the old queue's reviewer ends, so the new committee can act at once.
    /// </summary>
    public CaseTransition? MoveQueue(string fromRegion, string fromDepartement)
    {
        if ((fromRegion, fromDepartement) == (Region, Departement) || ClaimedBy is not { } holder) return null;
        ReleaseClaim();
        return new CaseTransition("released", $"Claim of {holder} released: the case moved to queue {Region}/{Departement}.");
    }

    /// <summary>Claims a pending case for <paramref name="lease"/>, or renews one's own claim. Refused when decided or held by another.</summary>
    public CaseTransition Claim(string reviewer, DateTimeOffset now, TimeSpan lease)
    {
        if (Status != CaseStatus.Pending) throw new TransitionRefused("Not claimable", $"This case is {Status}.");
        if (IsClaimedByOther(reviewer, now)) throw ClaimedByOther(reviewer);
        var renewed = IsClaimed(now);
        (ClaimedBy, ClaimExpiresAt) = (reviewer, now + lease);
        return new CaseTransition(renewed ? "claim-renewed" : "claimed", $"Until {ClaimExpiresAt:u}.");
    }

    /// <summary>
    /// An absent reviewer's claim, covered by a colleague of the committee (or an admin): released for anyone to take
    /// (<paramref name="to"/> null), or handed over to <paramref name="to"/> for a new lease. Only a claim <paramref name="absent"/>
    /// still holds changes: anything else is null (taken meanwhile, decided, expired).
    /// </summary>
    public CaseTransition? CoverAbsence(string absent, string by, string? to, DateTimeOffset now, TimeSpan lease)
    {
        if (Status != CaseStatus.Pending || !IsClaimed(now) || ClaimedBy != absent) return null;
        if (to is null)
        {
            ReleaseClaim();
            return new CaseTransition("released", $"Claim of {absent} released by {by} (absence).");
        }
        (ClaimedBy, ClaimExpiresAt) = (to, now + lease);
        return new CaseTransition("handed-over", $"Claim of {absent} handed over to {to} by {by} (absence), until {ClaimExpiresAt:u}.");
    }

    /// <summary>
    /// Hands a pending case to <paramref name="to"/>, a colleague of the committee (the caller checked): their claim, for
    /// <paramref name="lease"/>, replaces any other — the assigner's, a third member's, an expired one. Assigning to the one who
    /// already holds it renews the claim. Raises <see cref="CaseAssigned"/>, which tells the colleague.
    /// </summary>
    public CaseTransition Assign(string to, string by, string? byName, DateTimeOffset now, TimeSpan lease)
    {
        if (Status != CaseStatus.Pending) throw new TransitionRefused("Not pending", $"This case is {Status}: there is nothing left to review.");
        var replaced = IsClaimed(now) && ClaimedBy != to ? ClaimedBy : null;
        (ClaimedBy, ClaimExpiresAt) = (to, now + lease);
        return new CaseTransition("assigned", $"Assigned to {to} by {by}{(replaced is null ? "" : $" (replacing the claim of {replaced})")}, until {ClaimExpiresAt:u}.",
            new CaseAssigned(Id, SubmissionId, SubmissionVersion, Title, Region, Departement, to, by, byName, DueAt, ClaimExpiresAt!.Value, now));
    }

    /// <summary>Ends the claim: its holder may, an admin may release anyone's. Nothing to release: null.</summary>
    public CaseTransition? Release(string by, bool mayReleaseOthers, DateTimeOffset now)
    {
        if (!IsClaimed(now)) return null;
        var holder = ClaimedBy!;
        if (holder != by && !mayReleaseOthers) throw new TransitionRefused("Claimed by someone else", $"Only {holder} (or an admin) can release this claim.");
        ReleaseClaim();
        return new CaseTransition("released", holder == by ? null : $"Claim of {holder} released.");
    }

    /// <summary>
    /// Decides the current version: only a pending case, not claimed by someone else, and — when the
    /// reviewer names the version they read — still at that version. A refusal and a request for changes
    /// carry their message. Raises LabelGranted, LabelRefused or ChangesRequested; the claim ends.
    /// </summary>
    public CaseTransition Decide(CaseStatus decision, string reviewer, string? message, int? versionRead, DateTimeOffset now)
    {
        if (decision is not (CaseStatus.Labelled or CaseStatus.Refused or CaseStatus.ChangesRequested))
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "a decision labels, refuses or requests changes");
        if (decision != CaseStatus.Labelled && string.IsNullOrWhiteSpace(message))
            throw new ArgumentException("a refusal or a request for changes carries its message", nameof(message));
        if (Status != CaseStatus.Pending) throw new TransitionRefused("Not pending", $"Version {SubmissionVersion} is {Status}.");
        if (IsClaimedByOther(reviewer, now)) throw ClaimedByOther(reviewer);
        if (versionRead is { } read && read != SubmissionVersion)
            throw new TransitionRefused("A newer version arrived", $"You read version {read}; the case is now at version {SubmissionVersion}.");

        Status = decision;
        (DecidedAt, DecidedBy, DecisionMessage) = (now, reviewer, message);
        ReleaseClaim();
        return decision switch
        {
            CaseStatus.Labelled => new CaseTransition("labelled", message, new LabelGranted(SubmissionId, SubmissionVersion, Id, reviewer, now)),
            CaseStatus.Refused => new CaseTransition("refused", message, new LabelRefused(SubmissionId, SubmissionVersion, Id, reviewer, message!, now)),
            _ => new CaseTransition("changes-requested", message, new ChangesRequested(SubmissionId, SubmissionVersion, Id, reviewer, message!, now)),
        };
    }

    /// <summary>Closed for good by the organiser's withdrawal, whatever its status; already withdrawn: null.</summary>
    public CaseTransition? Withdraw()
    {
        if (Status == CaseStatus.Withdrawn) return null;
        Status = CaseStatus.Withdrawn;
        ReleaseClaim();
        return new CaseTransition("withdrawn", "Withdrawn by the organiser.");
    }

    private TransitionRefused ClaimedByOther(string reviewer) =>
        new("Claimed by someone else", $"{ClaimedBy} holds this case until {ClaimExpiresAt:u}.",
            new Dictionary<string, object?> { ["claimedBy"] = ClaimedBy, ["claimExpiresAt"] = ClaimExpiresAt });

    private void ReleaseClaim() => (ClaimedBy, ClaimExpiresAt) = (null, null);

    private ReviewCaseOpened Announcement(DateTimeOffset at) => new(SubmissionId, SubmissionVersion, Id, Region, Departement, at, DueAt);

    private void Describe(ISubmissionEvent version, EventDetails details, string detailsJson, DateTimeOffset receivedAt, DateTimeOffset dueAt)
    {
        SubmissionVersion = version.SubmissionVersion;
        (Title, CommuneInsee, Departement, Region) = (details.Title, details.Venue.CommuneInsee, details.Venue.Departement, details.Venue.Region);
        Sectors = details.Sectors.ToArray();
        Edition = details.Edition.Year;
        EventDay = DateOnly.FromDateTime(details.StartsAt.DateTime);
        Details = detailsJson;
        (VersionReceivedAt, DueAt) = (receivedAt, dueAt);
    }
}

/// <summary>
/// The venue's location as geocoding last reported it, per submission. Kept apart from the case because
/// location news may arrive before the case is opened (both react to SubmissionReceived in parallel).
/// </summary>
public sealed class VenueLocationStatus
{
    public Guid SubmissionId { get; init; }
    public int SubmissionVersion { get; private set; }
    public LocationStatus Status { get; private set; }
    public string? Detail { get; private set; }

    public static VenueLocationStatus First(Guid submissionId, int version, LocationStatus status, string detail) =>
        new() { SubmissionId = submissionId, SubmissionVersion = version, Status = status, Detail = detail };

    /// <summary>
    /// Location news: news about an older version changes nothing; for the same version a reviewer's
    /// correction wins over automatic results (located, unlocated), whatever order they arrive in —
    /// geocoding itself keeps a correction on later versions until the address changes.
    /// </summary>
    public bool Apply(int version, LocationStatus status, string detail)
    {
        var newer = version > SubmissionVersion;
        var same = version == SubmissionVersion && (status == LocationStatus.Corrected || Status != LocationStatus.Corrected);
        if (!newer && !same) return false;
        (SubmissionVersion, Status, Detail) = (version, status, detail);
        return true;
    }
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
