using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>One submission as its organiser sees it: the latest version, private contact included.</summary>
public sealed record SubmissionView(
    Guid Id, int Version, SubmissionStatus Status, string? ReviewerMessage,
    EventDetails Event, PrivateContact PrivateContact,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? WithdrawnAt)
{
    public static SubmissionView Of(EventSubmission s, SubmissionVersion latest)
    {
        var content = latest.Read();
        return new(s.Id, s.Version, s.Status, s.ReviewerMessage, content.Event, content.PrivateContact, s.CreatedAt, s.UpdatedAt, s.WithdrawnAt);
    }
}

public sealed record SubmissionSummary(
    Guid Id, int Version, SubmissionStatus Status, string Title, int Edition, DateTimeOffset StartsAt,
    string CommuneInsee, string Departement, string Region, DateTimeOffset UpdatedAt);

public sealed record SubmissionPage(IReadOnlyList<SubmissionSummary> Items, string? NextCursor);

/// <summary>One step of a submission's timeline.</summary>
public sealed record StatusChangeView(SubmissionStatus Status, int Version, string? Message, DateTimeOffset At);
