namespace SemaineIndustrie.Messaging.Bus;

/// <summary>
/// Configuration section "Messaging:Retry". Retries happen in process (the broker here has no
/// delayed-message plugin); after the last one MassTransit moves the message to the endpoint's
/// _error queue, from where it can be redriven once the cause is fixed.
/// </summary>
public sealed class RetryOptions
{
    public const string Section = "Messaging:Retry";

    /// <summary>
    /// Twenty retries, exponential from 200 ms and at most 10 s apart: about 3 minutes in all, so that what a replica
    /// restart, a broker node or database failover makes fail for a while (a dependency restarting, a message overtaken
    /// by the one it depends on) is applied late rather than parked — measured by the fault suite (bench/chaos): with 5
    /// retries within 6 s, killing a replica of each service parked notices; at most 10 s apart, a message waits at
    /// most that long once the fault is over (30 s apart held events up to 75 s after the recovery). A real poison
    /// message reaches _error after them — meanwhile it holds one of the endpoint's prefetched slots, so a burst of
    /// messages that cannot succeed (news about submissions a service never saw) slows that endpoint for those minutes.
    /// </summary>
    public int Limit { get; set; } = 20;
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Messages fetched ahead per endpoint; a message being retried holds one of them.</summary>
    public int PrefetchCount { get; set; } = 16;
}
