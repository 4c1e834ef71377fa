namespace SemaineIndustrie.Notification.Webhooks;

public enum SubscriptionStatus { Active, Paused }

public enum WebhookDeliveryStatus { Pending, Delivered, GaveUp }

/// <summary>
/// A partner's HTTPS endpoint told of public catalogue changes (published, updated, unpublished), filtered by
/// région, département and sector (empty: all). Its secret signs every delivery. After
/// <see cref="NotificationOptions.WebhookFailuresBeforePause"/> failures in a row it is paused and its contact told.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; }
    public required string Url { get; set; }
    /// <summary>The salt the signing secret is derived from (<see cref="WebhookSecrets"/>); a clear secret for subscriptions made before.</summary>
    public required string Secret { get; init; }
    public required string ContactEmail { get; set; }
    public string[] Regions { get; set; } = [];
    public string[] Departements { get; set; } = [];
    public string[] Sectors { get; set; } = [];
    public SubscriptionStatus Status { get; set; }
    public int ConsecutiveFailures { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PausedAt { get; set; }

    public bool Wants(string region, string departement, IEnumerable<string> sectors) =>
        (Regions.Length == 0 || Regions.Contains(region))
        && (Departements.Length == 0 || Departements.Contains(departement))
        && (Sectors.Length == 0 || sectors.Any(Sectors.Contains));
}

/// <summary>One change told to one subscription: the body is fixed when recorded (the public event as it was then).</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; }
    public Guid SubscriptionId { get; init; }
    /// <summary><c>published:{submission}:{version}</c> or <c>unpublished:{submission}:{version}</c>: unique with the subscription.</summary>
    public required string EventKey { get; init; }
    public required string EventType { get; init; }
    public required string Body { get; init; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>The last public version of an event this service saw published: where it is, for filtering its unpublication.</summary>
public sealed class PublishedEvent
{
    public Guid SubmissionId { get; init; }
    public int Version { get; set; }
    public required string Region { get; set; }
    public required string Departement { get; set; }
    public string[] Sectors { get; set; } = [];
}
