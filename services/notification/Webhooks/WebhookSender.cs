using SemaineIndustrie.ServiceDefaults.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>
/// Calls partners: one due delivery of an active subscription at a time, held with <c>FOR UPDATE SKIP
/// LOCKED</c> (replicas share the work). A 2xx answer delivers it; anything else — an error status, a
/// timeout (the HTTP client's only resilience: no retries inside our retries), a refused connection — is
/// retried with exponential backoff until the retry window closes (then given up). Failures in a row pause
/// the subscription and tell its contact by mail; a success resets the count.
/// </summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookWakeUp wakeUp, WebhookSecrets secrets,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : PollingSender(wakeUp, options, logger)
{
    public const string Client = "webhooks";

    public override async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var delivery = await db.WebhookDeliveries.FromSql($"""
            SELECT d.* FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.status = 'Pending' AND s.status = 'Active' AND d.next_attempt_at <= {now}
            ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED
            """).SingleOrDefaultAsync(ct);
        if (delivery is null) return false;
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var settings = Settings;

        delivery.Attempts += 1;
        var (ok, status, error) = await CallAsync(subscription, delivery, ct);
        (delivery.LastStatusCode, delivery.LastError) = (status, error);
        if (ok)
        {
            (delivery.Status, delivery.DeliveredAt) = (WebhookDeliveryStatus.Delivered, clock.GetUtcNow());
            await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsecutiveFailures, 0), ct);
        }
        else
        {
            var retryAt = clock.GetUtcNow() + Backoff(delivery.Attempts);
            if (retryAt - delivery.CreatedAt > settings.Webhooks.RetryWindow) delivery.Status = WebhookDeliveryStatus.GaveUp;
            else delivery.NextAttemptAt = retryAt;
            var failures = (await db.Database.SqlQuery<int>($"""
                UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = {subscription.Id} RETURNING consecutive_failures AS "Value"
                """).ToListAsync(ct)).Single(); // not composable (an UPDATE): read as is
            logger.LogWarning("Webhook delivery {Delivery} to subscription {Subscription} failed (attempt {Attempts}, {Failures} in a row): {Error}",
                delivery.Id, subscription.Id, delivery.Attempts, failures, error);
            if (failures >= settings.Webhooks.FailuresBeforePause) await PauseAsync(scope.ServiceProvider, db, subscription, failures, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<(bool Ok, int? Status, string? Error)> CallAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        // The real time, even where the platform clock is shifted (Development): partners check it against theirs.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Webhook-Id", delivery.Id.ToString());
        request.Headers.Add("Webhook-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Webhook-Signature", WebhookSignature.Sign(secrets.SigningSecret(subscription.Id, subscription.Secret), timestamp, delivery.Body));
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? (true, (int)response.StatusCode, null) : (false, (int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation(ex, "Webhook delivery {Delivery} failed", delivery.Id); // the details for operators, not the subscriber
            return (false, null, WebhookTargets.Describe(ex));
        }
    }

    /// <summary>Paused with its pending deliveries kept (sent once resumed); the contact is told once, by mail.</summary>
    private async Task PauseAsync(IServiceProvider services, NotificationDbContext db, WebhookSubscription subscription, int failures, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var paused = await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Status == SubscriptionStatus.Active)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SubscriptionStatus.Paused).SetProperty(s => s.PausedAt, now), ct);
        if (paused == 0) return;
        logger.LogError("Webhook subscription {Subscription} paused after {Failures} failures in a row", subscription.Id, failures);
        await services.GetRequiredService<Notices>().RecordAsync($"webhook-paused:{subscription.Id}:{now.ToUnixTimeSeconds()}", Kinds.WebhookPaused,
            [new Recipient("webhook:" + subscription.Id, subscription.ContactEmail, "", "fr")], _ => new Dictionary<string, object?>
            {
                ["url"] = subscription.Url, ["failures"] = failures, ["subscription"] = subscription.Id.ToString(),
            }, ct);
    }
}
