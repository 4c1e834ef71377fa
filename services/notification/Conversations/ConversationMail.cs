namespace SemaineIndustrie.Notification.Conversations;

/// <summary>
/// The messages of one demand's conversation waiting to be mailed to one side (<see cref="To"/>: "organiser" or "committee"):
/// the first message opens it for <see cref="ConversationOptions.Window"/>, the messages that follow within it join it, and
/// it is mailed once when it closes — five messages in a minute make one mail.
/// </summary>
public sealed class ConversationMail
{
    public Guid Id { get; init; }
    public Guid SubmissionId { get; init; }
    public Guid CaseId { get; init; }
    public required string To { get; init; }
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public required string OrganisationId { get; init; }
    public required string Title { get; set; }
    public required string Region { get; init; }
    public required string Departement { get; init; }
    /// <summary>The committee members following the case, gathered from every message of the window.</summary>
    public List<string> Followers { get; set; } = [];
    public List<ConversationLine> Lines { get; set; } = [];
}

/// <summary>One message in a mail: who wrote it, when (the domain's time, as the case shows it), what.</summary>
public sealed record ConversationLine(Guid MessageId, string AuthorName, string Text, DateTimeOffset At);

/// <summary>Configuration section "Notification:Conversations".</summary>
public sealed class ConversationOptions
{
    /// <summary>How long a conversation mail waits for more messages after the first: 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often the closed windows are looked for: 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
