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

/// <summary>An organiser's event submission, at its latest version.</summary>
public sealed class EventSubmission
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; init; }
    public required string OrganiserId { get; init; }
    public int Version { get; set; }
    public SubmissionStatus Status { get; set; }
    public required string Title { get; set; }
    public required string CommuneInsee { get; set; }
    public required string Departement { get; set; }
    public required string Region { get; set; }
    /// <summary>The full <see cref="EventDetails"/> of the latest version, as JSON.</summary>
    public required string Details { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public EventDetails ReadDetails() => JsonSerializer.Deserialize<EventDetails>(Details, Json)!;

    public static string WriteDetails(EventDetails details) => JsonSerializer.Serialize(details, Json);

    public string ETag => $"\"{Version}\"";

    /// <summary>A decision only moves the status when it is about the version the organiser has now.</summary>
    public bool ApplyDecision(int decidedVersion, SubmissionStatus outcome, DateTimeOffset at)
    {
        if (decidedVersion != Version || Status == SubmissionStatus.Withdrawn) return false;
        Status = outcome;
        UpdatedAt = at;
        return true;
    }
}
