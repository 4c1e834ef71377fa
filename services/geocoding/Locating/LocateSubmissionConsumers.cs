using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding.Providers;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Geocoding.Locating;

public sealed class LocateReceivedSubmissionConsumer(GeocodingDbContext db, GeocodingChain chain, TimeProvider clock) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => VenueLocating.LocateAsync(context, this, db, chain, clock, context.Message.Event);
}

public sealed class LocateRevisedSubmissionConsumer(GeocodingDbContext db, GeocodingChain chain, TimeProvider clock) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) => VenueLocating.LocateAsync(context, this, db, chain, clock, context.Message.Event);
}

internal static class VenueLocating
{
    /// <summary>
    /// Locates one submission version and announces it (VenueLocated, or VenueUnlocated with the reason), with the version's content.
    /// An address unchanged since the previous version keeps its position — a manual correction included —
    /// without asking any provider. Providers are asked before the inbox transaction opens, so a slow
    /// BAN never holds a database transaction; a redelivered message then changes nothing. "Unchanged" is
    /// decided again inside the transaction: when another version changed the address meanwhile (A → B → A
    /// processed concurrently), the transaction is abandoned and the providers are asked after all.
    /// </summary>
    public static async Task LocateAsync<T>(ConsumeContext<T> context, IConsumer consumer, GeocodingDbContext db, GeocodingChain chain, TimeProvider clock, EventDetails details)
        where T : class, ISubmissionEvent
    {
        var version = context.Message;
        var venue = details.Venue;
        var query = VenueQuery.Of(venue);
        var known = await db.VenueLocations.AsNoTracking().SingleOrDefaultAsync(v => v.SubmissionId == version.SubmissionId, context.CancellationToken);
        if (known is not null && known.SubmissionVersion >= version.SubmissionVersion) return; // older news
        var unchanged = known is not null && known.Keeps(query.Key);
        var result = unchanged ? null : await chain.LocateAsync(query, context.CancellationToken);
        try
        {
            await LocateOnceAsync(context, consumer, db, clock, details, query, result, looked: !unchanged);
        }
        catch (AddressChangedMeanwhile)
        {
            result = await chain.LocateAsync(query, context.CancellationToken);
            await LocateOnceAsync(context, consumer, db, clock, details, query, result, looked: true);
        }
    }

    private sealed class AddressChangedMeanwhile : Exception;

    private static Task LocateOnceAsync<T>(ConsumeContext<T> context, IConsumer consumer, GeocodingDbContext db, TimeProvider clock, EventDetails details,
        VenueQuery query, GeocodeResult? result, bool looked)
        where T : class, ISubmissionEvent
    {
        var version = context.Message;
        return db.ConsumeOnceAsync(context, consumer, async ct =>
        {
            var location = await db.VenueLocations.SingleOrDefaultAsync(v => v.SubmissionId == version.SubmissionId, ct);
            if (location is not null && location.SubmissionVersion >= version.SubmissionVersion) return;
            if (location is null) db.VenueLocations.Add(location = VenueLocation.For(version.SubmissionId));
            var keep = location.Keeps(query.Key);
            if (!keep && !looked) throw new AddressChangedMeanwhile(); // rolls the inbox transaction back
            db.AddToOutbox(location.Locate(version.SubmissionVersion, details, query.Key, result, clock.GetUtcNow())!, occurrence: "automatic"); // once per version; a correction is news of its own
            GeocodingTelemetry.Results.Add(1, new KeyValuePair<string, object?>("source", keep ? "unchanged-address" : location.Source?.Split(':')[0] ?? "none"),
                new KeyValuePair<string, object?>("precision", location.Precision?.ToString().ToLowerInvariant() ?? "unlocated"));
        });
    }
}
