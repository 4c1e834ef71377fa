namespace SemaineIndustrie.LabellingReview.Conversations;

/// <summary>
/// One message of a demand's conversation between its organisation and the committee — unlike a note (internal to the
/// committee), the organisation reads it. Plain text; never published. Kept with the case, for as long as the case.
/// </summary>
public sealed class CaseMessage
{
    public const string FromOrganiser = "organiser", FromCommittee = "committee";
    public const int MaxLength = 5000;

    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public Guid SubmissionId { get; init; }
    public required string From { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>When the other side first read it.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    public MessageView View() => new(Id, From, AuthorName, Text, At, ReadAt);
}
