namespace SemaineIndustrie.Notification;

/// <summary>Configuration section "Notification".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notification";

    /// <summary>The public site mails link to (event pages, the organiser space, unsubscribe): the gateway's address.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Key of the unsubscribe links' HMAC (at least 32 characters). Required outside Development; Development
    /// uses a fixed local key so that links in smtp4dev keep working across restarts.
    /// </summary>
    public string? UnsubscribeKey { get; set; }

    /// <summary>
    /// Key the webhook signing secrets are derived from (at least 32 characters; <see cref="Webhooks.WebhookSecrets"/>).
    /// Required outside Development; Development uses a fixed local key.
    /// </summary>
    public string? WebhookSecretKey { get; set; }

    /// <summary>A delivery that keeps failing is parked after this many attempts (an operator sees and replays it).</summary>
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the sender looks for due deliveries when nothing woke it.</summary>
    public TimeSpan SenderPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public DigestOptions Digest { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();
}

/// <summary>The committees' daily digest.</summary>
public sealed class DigestOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>The hour (Europe/Paris) the digest goes out.</summary>
    public int Hour { get; set; } = 8;
    /// <summary>How often a replica checks whether the day's digest has run (the first check also catches up a missed one).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Partner webhooks.</summary>
public sealed class WebhookOptions
{
    /// <summary>Each call to a partner gives up after this long (then retried later, by the sender, never inside the call).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A delivery is retried with exponential backoff (from FirstRetryDelay, capped by MaxRetryDelay) for this long, then given up.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Failures in a row after which a subscription is paused and its contact told.</summary>
    public int FailuresBeforePause { get; set; } = 10;
    /// <summary>Tests only: http:// and a loopback target are accepted (partners are https, on the public internet).</summary>
    public bool AllowLoopbackHttp { get; set; }
}
