using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.ServiceDefaults.Domain;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// An organiser's event submission: its latest version's status and what lists and filters need. Its
/// state changes only through its own methods, each guarding the labelling process's rules and returning
/// the event it raises (the caller puts it in the outbox):
/// submitted → in review → labelled | refused | changes requested → (revised → in review …) → withdrawn.
/// </summary>
public sealed class EventSubmission
{
    public Guid Id { get; private init; }
    public string OrganiserId { get; private init; } = "";
    public string CreatedBy { get; private init; } = "";
    public int Version { get; private set; }
    public SubmissionStatus Status { get; private set; }
    /// <summary>The reviewers' motivation or requested changes, for the organiser.</summary>
    public string? ReviewerMessage { get; private set; }
    public int Edition { get; private set; }
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public string CommuneInsee { get; private set; } = "";
    public string Departement { get; private set; } = "";
    public string Region { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    /// <summary>PostgreSQL xmin: two concurrent changes of one submission cannot both win.</summary>
    public uint RowVersion { get; set; }

    private readonly List<StatusChange> history = [];
    /// <summary>
    /// Every status it went through, appended by each transition below (never loaded to change the status:
    /// what a transition adds is inserted with it, in the same SaveChanges).
    /// </summary>
    public IReadOnlyList<StatusChange> History => history;

    /// <summary>How many times the status changed (the timeline's length): part of what a reader's copy is.</summary>
    public int StatusVersion { get; private set; }

    /// <summary>
    /// The representation's tag: <c>"{version}.{status changes}"</c>. A reader revalidating with
    /// If-None-Match sees a status change (in review, decided) even though the content's version did not
    /// move; a writer's If-Match is about the content, so it compares the version part only.
    /// </summary>
    public string ETag => $"\"{Version}.{StatusVersion}\"";

    /// <summary>
    /// If-Match holds a tag of our current content version (or "*"), by strong comparison (RFC 9110 §13.1.1:
    /// W/ never matches): <c>"3.5"</c> and <c>"3"</c> match version 3 whatever the status did since — a
    /// decision arriving meanwhile is not a conflicting edit.
    /// </summary>
    public bool MatchesIfMatch(string ifMatch) =>
        ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || VersionOf(t) == Version);

    /// <summary>If-None-Match holds our current tag (or "*"), by weak comparison (RFC 9110 §13.1.2): W/"3.5" matches "3.5".</summary>
    public bool MatchesIfNoneMatch(string ifNoneMatch) =>
        ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == ETag || t == "W/" + ETag);

    private static int? VersionOf(string tag)
    {
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"') return null;
        var inner = tag[1..^1];
        var dot = inner.IndexOf('.');
        return int.TryParse(dot < 0 ? inner : inner[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>A new submission: version 1, submitted, announced as <see cref="SubmissionReceived"/>.</summary>
    public static (EventSubmission Submission, SubmissionReceived Received) Submit(Guid id, string organiserId, string by, EventDetails details, DateTimeOffset now)
    {
        var submission = new EventSubmission
        {
            Id = id, OrganiserId = organiserId, CreatedBy = by, Version = 1, Status = SubmissionStatus.Submitted, CreatedAt = now,
        };
        submission.Describe(details, now);
        submission.Record(now);
        return (submission, new SubmissionReceived(id, 1, organiserId, details, now));
    }

    /// <summary>A new version (whatever the review said of the previous one): back to review. Refused once withdrawn.</summary>
    public SubmissionRevised Revise(EventDetails details, DateTimeOffset now)
    {
        EnsureRevisable();
        Version += 1;
        (Status, ReviewerMessage) = (SubmissionStatus.Revised, null);
        Describe(details, now);
        Record(now);
        return new SubmissionRevised(Id, Version, OrganiserId, details, now);
    }

    /// <summary>The guard of <see cref="Revise"/>, callable before the new content is even validated.</summary>
    public void EnsureRevisable()
    {
        if (Status == SubmissionStatus.Withdrawn) throw new TransitionRefused("Not possible in this state", "This submission was withdrawn; submit a new one.");
    }

    /// <summary>Withdrawn for good, from any status: the event leaves the review queue and the public map.</summary>
    public SubmissionWithdrawn Withdraw(DateTimeOffset now)
    {
        if (Status == SubmissionStatus.Withdrawn) throw new TransitionRefused("Not possible in this state", "This submission is already withdrawn.");
        (Status, WithdrawnAt, UpdatedAt) = (SubmissionStatus.Withdrawn, now, now);
        Record(now);
        return new SubmissionWithdrawn(Id, Version, OrganiserId, now);
    }

    /// <summary>
    /// Review opened a case for <paramref name="version"/>: "in review", when that is still the organiser's
    /// version and it was waiting (submitted or revised). Late or older news changes nothing.
    /// </summary>
    public bool MarkInReview(int version, DateTimeOffset at)
    {
        if (version != Version || Status is not (SubmissionStatus.Submitted or SubmissionStatus.Revised)) return false;
        (Status, UpdatedAt) = (SubmissionStatus.InReview, at);
        Record(at);
        return true;
    }

    /// <summary>
    /// The committee's decision on <paramref name="version"/> (labelled, refused, changes requested, with its
    /// message), when it is about the version the organiser has now and the submission is not withdrawn.
    /// </summary>
    public bool ApplyDecision(int version, SubmissionStatus outcome, string? reviewerMessage, DateTimeOffset at)
    {
        if (outcome is not (SubmissionStatus.Labelled or SubmissionStatus.Refused or SubmissionStatus.ChangesRequested))
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a decision labels, refuses or requests changes");
        if (version != Version || Status == SubmissionStatus.Withdrawn) return false;
        (Status, ReviewerMessage, UpdatedAt) = (outcome, reviewerMessage, at);
        Record(at);
        return true;
    }

    private void Record(DateTimeOffset at)
    {
        StatusVersion += 1;
        history.Add(new StatusChange { SubmissionId = Id, Version = Version, Status = Status, Message = ReviewerMessage, At = at });
    }

    private void Describe(EventDetails details, DateTimeOffset at)
    {
        (Edition, Title, StartsAt) = (details.Edition.Year, details.Title, details.StartsAt);
        (CommuneInsee, Departement, Region) = (details.Venue.CommuneInsee, details.Venue.Departement, details.Venue.Region);
        UpdatedAt = at;
    }
}

/// <summary>One step of a submission's timeline: the status it entered, for which version, when, with the reviewers' message.</summary>
public sealed class StatusChange
{
    public long Id { get; private init; }
    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    public SubmissionStatus Status { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Every version as submitted, kept whole (including the private contact) for the organiser and for audit.</summary>
public sealed class SubmissionVersion
{
    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    public required string Content { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static SubmissionVersion Of(Guid id, int version, ValidSubmission content, string by, DateTimeOffset at) => new()
    {
        SubmissionId = id, Version = version, Content = JsonSerializer.Serialize(content, ContractJson.Options), CreatedBy = by, CreatedAt = at,
    };

    public ValidSubmission Read() => JsonSerializer.Deserialize<ValidSubmission>(Content, ContractJson.Options)!;
}

/// <summary>An Idempotency-Key an organiser used to create a submission, with a hash of the request.</summary>
public sealed class IdempotencyKey
{
    public required string OrganiserId { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public Guid SubmissionId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
