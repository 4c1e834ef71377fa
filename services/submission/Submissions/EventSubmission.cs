using System.Text.Json;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>Status as the organiser sees it.</summary>
public enum SubmissionStatus
{
    Submitted,
    InReview,
    Labelled,
    Refused,
    ChangesRequested,
    Revised,
    Withdrawn,
}

/// <summary>An organiser's event submission: its latest version's status and what lists and filters need.</summary>
public sealed class EventSubmission
{
    public Guid Id { get; init; }
    public required string OrganiserId { get; init; }
    public required string CreatedBy { get; init; }
    public int Version { get; set; }
    public SubmissionStatus Status { get; set; }
    /// <summary>The reviewers' motivation or requested changes, for the organiser.</summary>
    public string? ReviewerMessage { get; set; }
    public int Edition { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>PostgreSQL xmin: two concurrent changes of one submission cannot both win.</summary>
    public uint RowVersion { get; set; }

    public string ETag => $"\"{Version}\"";

    /// <summary>If-Match holds our current entity tag (or "*"), by strong comparison (RFC 9110 §13.1.1): W/"3" does not match.</summary>
    public bool MatchesIfMatch(string ifMatch) =>
        ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == ETag);

    /// <summary>If-None-Match holds our current entity tag (or "*"), by weak comparison (RFC 9110 §13.1.2): W/"3" matches.</summary>
    public bool MatchesIfNoneMatch(string ifNoneMatch) =>
        ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == ETag || t == "W/" + ETag);

    public void Describe(EventDetails details, DateTimeOffset at)
    {
        (Edition, Title, StartsAt) = (details.Edition.Year, details.Title, details.StartsAt);
        (CommuneInsee, Departement, Region) = (details.Venue.CommuneInsee, details.Venue.Departement, details.Venue.Region);
        UpdatedAt = at;
    }

    /// <summary>News from review only moves the status when it is about the version the organiser has now.</summary>
    public bool Apply(int version, SubmissionStatus status, string? reviewerMessage, DateTimeOffset at)
    {
        if (version != Version || Status == SubmissionStatus.Withdrawn) return false;
        if (status == SubmissionStatus.InReview && Status is not (SubmissionStatus.Submitted or SubmissionStatus.Revised)) return false;
        (Status, ReviewerMessage, UpdatedAt) = (status, reviewerMessage, at);
        return true;
    }
}

/// <summary>Every version as submitted, kept whole (including the private contact) for the organiser and for audit.</summary>
public sealed class SubmissionVersion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid SubmissionId { get; init; }
    public int Version { get; init; }
    public required string Content { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static SubmissionVersion Of(Guid id, int version, ValidSubmission content, string by, DateTimeOffset at) => new()
    {
        SubmissionId = id, Version = version, Content = JsonSerializer.Serialize(content, Json), CreatedBy = by, CreatedAt = at,
    };

    public ValidSubmission Read() => JsonSerializer.Deserialize<ValidSubmission>(Content, Json)!;
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
