using System.Text.Json;
using SemaineIndustrie.ServiceDefaults.Work;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>
/// A public event appeared or changed: the message carries what the catalogue shows (no call to the publication
/// service); once per message, with the inbox row, one delivery is recorded per subscription that wants it.
/// Sending is the sender's job: partners never slow the consumer.
/// </summary>
public sealed class PublishedWebhooks(NotificationDbContext db, WebhookWakeUp wakeUp, TimeProvider clock) : IConsumer<EventPublished>
{
    public async Task Consume(ConsumeContext<EventPublished> context)
    {
        var m = context.Message;
        var publicEvent = m.Event ?? throw new InvalidOperationException($"EventPublished for {m.SubmissionId} carries no public event (a publisher older than this consumer): retried, then parked in _error.");
        var recorded = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            var (region, departement, sectors) = (publicEvent.Venue.Region, publicEvent.Venue.Departement, publicEvent.Sectors.ToArray());
            var payload = JsonSerializer.SerializeToNode(publicEvent, ContractJson.Options)!;
            var known = await db.PublishedEvents.SingleOrDefaultAsync(p => p.SubmissionId == m.SubmissionId, ct);
            if (known is not null && m.SubmissionVersion < known.Version) return;
            var type = known is null ? "event.published" : "event.updated";
            if (known is null) db.PublishedEvents.Add(known = new PublishedEvent { SubmissionId = m.SubmissionId, Region = region, Departement = departement });
            (known.Version, known.Region, known.Departement, known.Sectors) = (m.SubmissionVersion, region, departement, sectors);
            await Webhooks.RecordAsync(db, $"published:{m.SubmissionId}:{m.SubmissionVersion}", type, m.PublishedAt, payload, region, departement, sectors, clock.GetUtcNow(), ct);
        });
        if (recorded) wakeUp.Signal();
    }
}

public sealed class UnpublishedWebhooks(NotificationDbContext db, WebhookWakeUp wakeUp, TimeProvider clock) : IConsumer<EventUnpublished>
{
    public async Task Consume(ConsumeContext<EventUnpublished> context)
    {
        var m = context.Message;
        var recorded = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            var known = await db.PublishedEvents.SingleOrDefaultAsync(p => p.SubmissionId == m.SubmissionId, ct);
            if (known is null) return; // never public as far as partners know
            db.PublishedEvents.Remove(known);
            var payload = new JsonObject { ["id"] = m.SubmissionId.ToString(), ["version"] = m.SubmissionVersion, ["reason"] = m.Reason };
            await Webhooks.RecordAsync(db, $"unpublished:{m.SubmissionId}:{m.SubmissionVersion}", "event.unpublished", m.UnpublishedAt, payload,
                known.Region, known.Departement, known.Sectors, clock.GetUtcNow(), ct);
        });
        if (recorded) wakeUp.Signal();
    }
}

internal static class Webhooks
{
    public static async Task RecordAsync(NotificationDbContext db, string eventKey, string type, DateTimeOffset occurredAt, JsonNode payload,
        string region, string departement, string[] sectors, DateTimeOffset now, CancellationToken ct)
    {
        var subscriptions = (await db.WebhookSubscriptions.AsNoTracking().ToListAsync(ct)).Where(s => s.Wants(region, departement, sectors)).ToList();
        var ids = subscriptions.Select(s => s.Id).ToList();
        var already = await db.WebhookDeliveries.Where(d => d.EventKey == eventKey && ids.Contains(d.SubscriptionId)).Select(d => d.SubscriptionId).ToListAsync(ct);
        foreach (var subscription in subscriptions.Where(s => !already.Contains(s.Id)))
        {
            var id = Guid.CreateVersion7(now);
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = id, SubscriptionId = subscription.Id, EventKey = eventKey, EventType = type, Body = Body(id, type, occurredAt, payload),
                Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
            });
        }
    }

    /// <summary>What a partner receives: the delivery's id, the type, when it happened, and the public event (or its id once removed).</summary>
    public static string Body(Guid deliveryId, string type, DateTimeOffset occurredAt, JsonNode payload) =>
        new JsonObject
        {
            ["id"] = deliveryId.ToString(), ["type"] = type, ["occurredAt"] = occurredAt.ToString("O"), ["event"] = payload.DeepClone(),
        }.ToJsonString();
}

/// <summary>The webhook sender's wake-up.</summary>
public sealed class WebhookWakeUp : WakeUp;
