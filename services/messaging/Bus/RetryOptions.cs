namespace SemaineIndustrie.Messaging.Bus;

/// <summary>
/// Configuration section "Messaging:Retry". Retries happen in process (the broker here has no
/// delayed-message plugin); after the last one MassTransit moves the message to the endpoint's
/// _error queue, from where it can be redriven once the cause is fixed.
/// </summary>
public sealed class RetryOptions
{
    public const string Section = "Messaging:Retry";

    public int Limit { get; set; } = 5;
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Messages fetched ahead per endpoint; a message being retried holds one of them.</summary>
    public int PrefetchCount { get; set; } = 16;
}
