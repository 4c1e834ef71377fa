namespace SemaineIndustrie.Notification.Unsubscribe;

/// <summary>A person does not want this kind of mail any more (the absence of a row means they do).</summary>
public sealed class Unsubscription
{
    public required string RecipientId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset At { get; init; }
}
