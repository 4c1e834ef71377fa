namespace SemaineIndustrie.Messaging.Inbox;

/// <summary>"Consumer C has applied message M", committed with C's effects.</summary>
public sealed class InboxMessage
{
    public required string Consumer { get; init; }
    public Guid MessageId { get; init; }
    public required string MessageType { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
