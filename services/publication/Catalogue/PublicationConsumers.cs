using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Publication.Catalogue;

public sealed class SubmissionContentConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Details ??= JsonSerializer.Serialize(context.Message.Event, CatalogueEntry.Json), ct));
}

public sealed class RevisedContentConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Details ??= JsonSerializer.Serialize(context.Message.Event, CatalogueEntry.Json), ct));
}

public sealed class LocationConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<VenueLocated>
{
    public Task Consume(ConsumeContext<VenueLocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Locate(context.Message), ct));
}

public sealed class UnlocatedConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<VenueUnlocated>
{
    public Task Consume(ConsumeContext<VenueUnlocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Unlocate(), ct));
}

public sealed class LabelConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<LabelGranted>
{
    public Task Consume(ConsumeContext<LabelGranted> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Decide(Decision.Labelled, context.Message.DecidedAt), ct));
}

public sealed class RefusalConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<LabelRefused>
{
    public Task Consume(ConsumeContext<LabelRefused> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Decide(Decision.Refused, context.Message.DecidedAt), ct));
}

public sealed class ChangesRequestedConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<ChangesRequested>
{
    public Task Consume(ConsumeContext<ChangesRequested> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f => f.Decide(Decision.ChangesRequested, context.Message.DecidedAt), ct));
}

public sealed class WithdrawalConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<SubmissionWithdrawn>
{
    public Task Consume(ConsumeContext<SubmissionWithdrawn> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        await Publisher.LockAsync(db, context.Message.SubmissionId, ct);
        if (!await db.Withdrawn.AnyAsync(w => w.SubmissionId == context.Message.SubmissionId, ct))
        {
            db.Withdrawn.Add(new WithdrawnSubmission { SubmissionId = context.Message.SubmissionId, WithdrawnAt = context.Message.WithdrawnAt });
        }
        await Publisher.ReconcileAsync(db, clock, context.Message.SubmissionId, versions: null, withdrawn: true, ct);
    });
}

internal static class VersionFactsExtensions
{
    private static readonly string Manual = JsonNamingPolicy.CamelCase.ConvertName(nameof(LocationPrecision.Manual));

    /// <summary>
    /// A position for this version. A reviewer's correction wins over automatic results of the same version,
    /// whatever order they arrive in (a late or redriven automatic result must not move the event back).
    /// </summary>
    public static void Locate(this VersionFacts facts, VenueLocated located)
    {
        var precision = JsonNamingPolicy.CamelCase.ConvertName(located.Precision.ToString());
        if (facts.LocationPrecision == Manual && precision != Manual) return;
        (facts.Latitude, facts.Longitude, facts.Unlocated, facts.LocationPrecision) = (located.Latitude, located.Longitude, false, precision);
    }

    /// <summary>Geocoding could not place this version's venue; a reviewer's correction of the same version stands.</summary>
    public static void Unlocate(this VersionFacts facts)
    {
        if (facts.LocationPrecision == Manual) return;
        (facts.Latitude, facts.Longitude, facts.Unlocated, facts.LocationPrecision) = (null, null, true, null);
    }

    /// <summary>A version is decided once; a redelivered or late decision changes nothing.</summary>
    public static void Decide(this VersionFacts facts, Decision decision, DateTimeOffset at)
    {
        if (facts.Decision != Decision.None) return;
        (facts.Decision, facts.DecidedAt) = (decision, at);
    }
}

/// <summary>
/// The publication rules. An event is public when the latest version with a final decision (labelled or
/// refused; a request for changes is not final) is labelled and its venue located. A revision keeps the
/// labelled version public until the new one is decided: labelled replaces it, refused removes it. A
/// withdrawal or a refusal removes it at once, an unlocatable venue too. When the newest labelled
/// version's content or location has simply not arrived yet, the entry stays as it is until they do.
/// Facts are recorded per version and the outcome recomputed from all of them, under a per-submission
/// advisory lock: arrival order and duplicates do not change the result.
/// </summary>
internal static class Publisher
{
    public static readonly Histogram<double> Lag = new Meter("SemaineIndustrie.Publication").CreateHistogram<double>(
        "publication.lag", unit: "ms", description: "Time from a label decision to its catalogue write");

    public static Task LockAsync(PublicationDbContext db, Guid submissionId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({submissionId.ToString()}, 0))", ct);

    public static async Task RecordAsync(PublicationDbContext db, TimeProvider clock, ISubmissionEvent news, Action<VersionFacts> record, CancellationToken ct)
    {
        await LockAsync(db, news.SubmissionId, ct);
        var versions = await db.Versions.Where(v => v.SubmissionId == news.SubmissionId).ToListAsync(ct);
        var facts = versions.SingleOrDefault(v => v.Version == news.SubmissionVersion);
        if (facts is null)
        {
            facts = new VersionFacts { SubmissionId = news.SubmissionId, Version = news.SubmissionVersion };
            db.Versions.Add(facts);
            versions.Add(facts);
        }
        record(facts);
        await ReconcileAsync(db, clock, news.SubmissionId, versions, withdrawn: false, ct);
    }

    /// <summary>
    /// Recomputes the catalogue entry from all the versions' facts (loaded once, changes still in memory);
    /// everything — facts, entry, revision, announcement — is saved by the inbox's single SaveChanges.
    /// </summary>
    public static async Task ReconcileAsync(PublicationDbContext db, TimeProvider clock, Guid submissionId, List<VersionFacts>? versions, bool withdrawn, CancellationToken ct)
    {
        withdrawn = withdrawn || await db.Withdrawn.AnyAsync(w => w.SubmissionId == submissionId, ct);
        var entry = await db.Catalogue.SingleOrDefaultAsync(c => c.SubmissionId == submissionId, ct);
        var now = clock.GetUtcNow();
        if (withdrawn)
        {
            await RemoveAsync(db, entry, "withdrawn", now, ct);
            return;
        }

        versions ??= await db.Versions.Where(v => v.SubmissionId == submissionId).ToListAsync(ct);
        var final = versions.Where(v => v.Decision is Decision.Labelled or Decision.Refused).MaxBy(v => v.Version);
        if (final is null) return;
        if (final.Decision == Decision.Refused)
        {
            await RemoveAsync(db, entry, "refused", now, ct);
            return;
        }
        if (final.Unlocated)
        {
            await RemoveAsync(db, entry, "venue not located", now, ct);
            return;
        }
        if (final.Details is null || final.Latitude is null || final.Longitude is null) return; // facts still on their way

        if (entry is not null && entry.Version == final.Version && entry.Latitude == final.Latitude && entry.Longitude == final.Longitude) return;
        var details = JsonSerializer.Deserialize<EventDetails>(final.Details, CatalogueEntry.Json)!;
        var newVersion = entry is null || entry.Version != final.Version;
        if (entry is null)
        {
            entry = new CatalogueEntry
            {
                SubmissionId = submissionId, Title = details.Title, CommuneInsee = "", Departement = "", Region = "",
                Sectors = [], Audiences = [], SearchText = "", Details = final.Details, PublicJson = "", FeatureJson = "", PublishedAt = now,
            };
            db.Catalogue.Add(entry);
        }
        Describe(entry, final, details, now);
        await BumpRevisionAsync(db, now, ct);
        db.AddToOutbox(new EventPublished(submissionId, final.Version, now));
        if (newVersion && final.DecidedAt is { } decidedAt) Lag.Record(Math.Max(0, (now - decidedAt).TotalMilliseconds));
    }

    private static void Describe(CatalogueEntry entry, VersionFacts facts, EventDetails d, DateTimeOffset now)
    {
        entry.Version = facts.Version;
        entry.Edition = d.Edition.Year;
        entry.Title = d.Title;
        (entry.StartsAt, entry.EndsAt) = (d.StartsAt, d.EndsAt);
        (entry.FirstDay, entry.LastDay) = (DateOnly.FromDateTime(d.StartsAt.DateTime), DateOnly.FromDateTime(d.EndsAt.DateTime));
        (entry.CommuneInsee, entry.Departement, entry.Region) = (d.Venue.CommuneInsee, d.Venue.Departement, d.Venue.Region);
        (entry.Sectors, entry.Audiences) = (d.Sectors.ToArray(), d.Audiences.ToArray());
        (entry.Latitude, entry.Longitude) = (facts.Latitude!.Value, facts.Longitude!.Value);
        entry.SearchText = CommuneNames.Normalise(string.Join(' ', d.Title, d.Description, d.Venue.Name, d.Venue.CommuneName, d.OrganisingBody.Name));
        entry.Details = facts.Details!;
        entry.UpdatedAt = now;
        var view = PublicEvent.Of(entry);
        entry.PublicJson = JsonSerializer.Serialize(view, CatalogueEntry.Json);
        entry.FeatureJson = CatalogueApi.Feature(view).ToJsonString();
    }

    private static async Task RemoveAsync(PublicationDbContext db, CatalogueEntry? entry, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (entry is null) return;
        db.Catalogue.Remove(entry);
        await BumpRevisionAsync(db, now, ct);
        db.AddToOutbox(new EventUnpublished(entry.SubmissionId, entry.Version, reason, now));
    }

    /// <summary>One statement, in the consumer's transaction: list ETags change exactly when the catalogue does.</summary>
    private static Task BumpRevisionAsync(PublicationDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE catalogue_revision SET revision = revision + 1, changed_at = {now.ToUniversalTime()} WHERE id = 1", ct);
}
