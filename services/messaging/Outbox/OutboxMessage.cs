namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// One message waiting to be published, written in the same transaction as the state change that
/// produced it. <see cref="SequenceNumber"/> orders rows; rows with the same <see cref="PartitionKey"/>
/// (the submission) are published strictly in that order.
/// </summary>
public sealed class OutboxMessage
{
    public long SequenceNumber { get; private set; }
    public Guid MessageId { get; init; }
    public required string MessageType { get; init; }
    public required string Body { get; init; }
    public required string PartitionKey { get; init; }
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>
    /// Set when the row can never be published as it is (its type cannot be resolved, its body cannot be
    /// read): the relay stops trying it, and the rows after it in its partition wait, until an operator
    /// replays it (<c>POST /admin/messaging/outbox/parked/{sequenceNumber}/replay</c>).
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }
    public string? LastError { get; set; }
}
