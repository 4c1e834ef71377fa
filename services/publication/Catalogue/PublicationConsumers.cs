using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Publication.Catalogue;

public sealed class SubmissionContentConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, facts => facts.Details ??= JsonSerializer.Serialize(context.Message.Event, CatalogueEntry.Json), ct));
}

public sealed class RevisedContentConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, facts => facts.Details ??= JsonSerializer.Serialize(context.Message.Event, CatalogueEntry.Json), ct));
}

public sealed class LocationConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<VenueLocated>
{
    public Task Consume(ConsumeContext<VenueLocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, facts => (facts.Latitude, facts.Longitude) = (context.Message.Latitude, context.Message.Longitude), ct));
}

public sealed class LabelConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, facts => facts.LabelledAt ??= context.Message.DecidedAt, ct));
}

/// <summary>
/// Joins content, location and label per submission version, whatever order they arrive in, and
/// publishes the newest version that has all three. News about one submission is applied under a
/// transaction-scoped advisory lock: two consumers each bringing half of the join would otherwise both
/// miss the other's uncommitted half and never publish.
/// </summary>
internal static class Publisher
{
    public static async Task RecordAsync(PublicationDbContext db, TimeProvider clock, ISubmissionEvent news, Action<VersionFacts> record, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({news.SubmissionId.ToString()}, 0))", ct);

        var versions = await db.Versions.Where(v => v.SubmissionId == news.SubmissionId).ToListAsync(ct);
        var facts = versions.SingleOrDefault(v => v.Version == news.SubmissionVersion);
        if (facts is null)
        {
            facts = new VersionFacts { SubmissionId = news.SubmissionId, Version = news.SubmissionVersion };
            db.Versions.Add(facts);
            versions.Add(facts);
        }
        record(facts);

        var candidate = versions.Where(v => v.Publishable).MaxBy(v => v.Version);
        if (candidate is null) return;
        var entry = await db.Catalogue.SingleOrDefaultAsync(c => c.SubmissionId == news.SubmissionId, ct);
        if (entry is not null && entry.Version >= candidate.Version) return;

        var details = JsonSerializer.Deserialize<EventDetails>(candidate.Details!, CatalogueEntry.Json)!;
        var now = clock.GetUtcNow();
        if (entry is null)
        {
            entry = new CatalogueEntry
            {
                SubmissionId = news.SubmissionId, Title = details.Title, CommuneInsee = details.Venue.CommuneInsee,
                Departement = details.Venue.Departement, Region = details.Venue.Region, Details = candidate.Details!,
            };
            db.Catalogue.Add(entry);
        }
        entry.Version = candidate.Version;
        entry.Title = details.Title;
        (entry.StartsAt, entry.EndsAt) = (details.StartsAt, details.EndsAt);
        (entry.CommuneInsee, entry.Departement, entry.Region) = (details.Venue.CommuneInsee, details.Venue.Departement, details.Venue.Region);
        (entry.Latitude, entry.Longitude) = (candidate.Latitude!.Value, candidate.Longitude!.Value);
        entry.Details = candidate.Details!;
        entry.PublishedAt = now;
        db.AddToOutbox(new EventPublished(news.SubmissionId, candidate.Version, now));
    }
}
