namespace SemaineIndustrie.Notification.Deliveries;

public enum DeliveryStatus { Pending, Sent, Parked, Suppressed }

/// <summary>
/// One message to one recipient on one channel about one event, recorded with the inbox row of the
/// message that caused it (so: at most one per (event, recipient, channel)). Its content is rendered when
/// it is recorded — what happened then — and its Message-ID is fixed then, so a re-send after a crash
/// carries the same Message-ID.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; init; }
    /// <summary>What it is about, unique with the recipient and channel: <c>labelled:{submission}:{version}</c>.</summary>
    public required string EventKey { get; init; }
    public required string Kind { get; init; }
    public required string RecipientId { get; init; }
    public string Channel { get; init; } = "email";
    public required string Address { get; init; }
    public required string Language { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public required string UnsubscribeUrl { get; init; }
    public required string MessageId { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>Each try of a delivery, kept for operators (what failed, when).</summary>
public sealed class DeliveryAttempt
{
    public long Id { get; init; }
    public Guid DeliveryId { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Succeeded { get; init; }
    public string? Error { get; init; }
}
