namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>Configuration section "Messaging:Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Off only in tests that simulate a process that died between commit and publish.</summary>
    public bool RelayEnabled { get; set; } = true;
    public int BatchSize { get; set; } = 200;
    /// <summary>Fallback when no NOTIFY arrives (lost notification, listener reconnecting).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(5);
}
