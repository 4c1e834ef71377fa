using SemaineIndustrie.ServiceDefaults.Work;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>
/// Works through due deliveries, one row at a time, each in its own transaction holding the row
/// (<c>FOR UPDATE SKIP LOCKED</c>: replicas share the work, never the same row): checks the person has not
/// unsubscribed since, hands it to the relay, records the attempt — sent, or retried later with exponential
/// backoff, or parked after <see cref="NotificationOptions.MaxAttempts"/> where operators see and replay it.
/// A crash after the relay accepted a mail and before the row is updated leaves it pending: it is sent again,
/// with the same Message-ID (at-least-once; docs/notifications.md says what that means for recipients).
/// </summary>
public sealed class DeliverySender(IServiceScopeFactory scopes, IMailTransport transport, DeliveryWakeUp wakeUp,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DeliverySender> logger) : PollingSender(wakeUp, options, logger)
{
    private static readonly Meter Meter = new("SemaineIndustrie.Notification");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("notification.deliveries.sent");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("notification.deliveries.failed");

    /// <returns>true when a delivery was handled (there may be more).</returns>
    public override async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var delivery = await db.Deliveries
            .FromSql($"SELECT * FROM deliveries WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (delivery is null) return false;

        if (await db.Unsubscriptions.AnyAsync(u => u.RecipientId == delivery.RecipientId && u.Kind == delivery.Kind, ct))
        {
            delivery.Status = DeliveryStatus.Suppressed;
        }
        else
        {
            delivery.Attempts += 1;
            try
            {
                await transport.SendAsync(delivery, ct);
                (delivery.Status, delivery.SentAt, delivery.LastError) = (DeliveryStatus.Sent, clock.GetUtcNow(), null);
                db.Attempts.Add(new DeliveryAttempt { DeliveryId = delivery.Id, At = clock.GetUtcNow(), Succeeded = true });
                Sent.Add(1, new KeyValuePair<string, object?>("kind", delivery.Kind));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var error = $"{ex.GetType().Name}: {ex.Message}";
                delivery.LastError = error.Length > 1000 ? error[..1000] : error;
                db.Attempts.Add(new DeliveryAttempt { DeliveryId = delivery.Id, At = clock.GetUtcNow(), Succeeded = false, Error = delivery.LastError });
                if (delivery.Attempts >= Settings.MaxAttempts)
                {
                    delivery.Status = DeliveryStatus.Parked;
                    logger.LogError("Delivery {Delivery} ({Kind}) parked after {Attempts} attempts: {Error}", delivery.Id, delivery.Kind, delivery.Attempts, delivery.LastError);
                }
                else
                {
                    delivery.NextAttemptAt = clock.GetUtcNow() + Backoff(delivery.Attempts);
                    logger.LogWarning("Delivery {Delivery} ({Kind}) failed (attempt {Attempts}), retried at {At}: {Error}", delivery.Id, delivery.Kind, delivery.Attempts, delivery.NextAttemptAt, delivery.LastError);
                }
                Failed.Add(1, new KeyValuePair<string, object?>("kind", delivery.Kind));
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
