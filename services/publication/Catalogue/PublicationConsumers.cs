using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// Where a version's venue is, and — in geocoding's automatic answer — the version's content: publication learns both from this
/// one message (it no longer consumes SubmissionReceived or SubmissionRevised; docs/messaging.md).
/// </summary>
public sealed class LocationConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<VenueLocated>
{
    public Task Consume(ConsumeContext<VenueLocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f =>
        {
            if (context.Message.Event is { } content) f.Describe(content);
            f.Locate(context.Message);
        }, ct));
}

public sealed class UnlocatedConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<VenueUnlocated>
{
    public Task Consume(ConsumeContext<VenueUnlocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        Publisher.RecordAsync(db, clock, context.Message, f =>
        {
            if (context.Message.Event is { } content) f.Describe(content);
            f.Unlocate();
        }, ct));
}

/// <summary>A version's picture: its sizes are kept while that version is or may become public, and it may then be shown.</summary>
public sealed class PictureConsumer(PublicationDbContext db, TimeProvider clock) : IConsumer<PictureAttached>
{
    public Task Consume(ConsumeContext<PictureAttached> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var message = context.Message;
        await Publisher.LockAsync(db, message.SubmissionId, ct);
        var held = await db.Pictures.Where(p => p.PictureId == message.PictureId).Select(p => p.Width).ToListAsync(ct);
        foreach (var file in message.Files.Where(f => !held.Contains(f.Width)))
            db.Pictures.Add(new CataloguePicture { PictureId = message.PictureId, Width = file.Width, Height = file.Height, SubmissionId = message.SubmissionId, Webp = file.Webp });
        await Publisher.RecordAsync(db, clock, message, f => f.ReceivePicture(message.PictureId), ct);
    });
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

/// <summary>
/// Applies the publication rule (<see cref="PublicationPolicy"/>): facts are recorded per version and the
/// outcome recomputed from all of them, under a per-submission advisory lock, so arrival order and
/// duplicates do not change the result.
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
        // No version labelled or refused yet, and no picture: nothing can be public (an entry exists only once a version was labelled,
        // and facts are never deleted) and nothing is to prune, withdrawn or not. The common case of content and place arriving
        // before the decision then asks the database nothing more.
        if (!withdrawn && versions is not null && !versions.Any(v => v.Decision is Decision.Labelled or Decision.Refused || v.PictureId is not null)
            && !db.Pictures.Local.Any(p => p.SubmissionId == submissionId)) return;
        withdrawn = withdrawn || await db.Withdrawn.AnyAsync(w => w.SubmissionId == submissionId, ct);
        versions ??= withdrawn ? [] : await db.Versions.Where(v => v.SubmissionId == submissionId).ToListAsync(ct);
        var entry = await ShowOrRemoveAsync(db, clock, submissionId, versions, withdrawn, ct);
        // Most events have no picture: the hot path (every message publication applies) asks the database nothing more for them.
        // A withdrawal does not load the versions, so it always looks.
        if (withdrawn || versions.Any(v => v.PictureId is not null) || db.Pictures.Local.Any(p => p.SubmissionId == submissionId))
            await PrunePicturesAsync(db, submissionId, versions, entry, ct);
    }

    /// <summary>Applies the policy's verdict to the catalogue entry; returns the entry as it now is (null: not public).</summary>
    private static async Task<CatalogueEntry?> ShowOrRemoveAsync(PublicationDbContext db, TimeProvider clock, Guid submissionId, List<VersionFacts> versions, bool withdrawn, CancellationToken ct)
    {
        var entry = await db.Catalogue.SingleOrDefaultAsync(c => c.SubmissionId == submissionId, ct);
        var now = clock.GetUtcNow();
        VersionFacts final;
        switch (PublicationPolicy.Decide(versions, withdrawn))
        {
            case PublicationPolicy.Remove remove:
                Remove(db, entry, remove.Reason, now);
                return null;
            case PublicationPolicy.Publish publish:
                final = publish.Version;
                break;
            default:
                return entry; // nothing final yet, or facts still on their way
        }

        if (entry is not null && entry.Version == final.Version && entry.Latitude == final.Latitude && entry.Longitude == final.Longitude) return entry;
        var newVersion = entry is null || entry.Version != final.Version;
        if (entry is null) db.Catalogue.Add(entry = CatalogueEntry.For(submissionId, now));
        var shown = entry.Show(final, now);
        BumpRevisionAtCommit(now);
        db.AddToOutbox(new EventPublished(submissionId, final.Version, now, shown));
        if (newVersion && final.DecidedAt is { } decidedAt) Lag.Record(Math.Max(0, (now - decidedAt).TotalMilliseconds));
        return entry;
    }

    /// <summary>
    /// Keeps the submission's pictures that are shown (the entry's) or may be (the latest decided version if labelled, a newer one
    /// not refused nor sent back for changes); a replaced, refused or withdrawn event's picture is deleted in the same transaction as the change that
    /// made it so. The catalogue serves only the entry's picture in any case.
    /// </summary>
    private static async Task PrunePicturesAsync(PublicationDbContext db, Guid submissionId, List<VersionFacts> versions, CatalogueEntry? entry, CancellationToken ct)
    {
        // Versions before the latest final decision can no longer be shown; from it on, only those not refused nor sent back.
        var latestFinal = versions.Where(v => v.Decision is Decision.Labelled or Decision.Refused).Select(v => v.Version).DefaultIfEmpty(0).Max();
        var keep = versions.Where(v => v.Version >= latestFinal && v.Decision is Decision.None or Decision.Labelled).Select(v => v.PictureId)
            .Append(entry?.PictureId).OfType<Guid>().ToHashSet();
        foreach (var added in db.Pictures.Local.Where(p => p.SubmissionId == submissionId && !keep.Contains(p.PictureId)).ToList()) db.Pictures.Remove(added);
        var stale = await db.Pictures.Where(p => p.SubmissionId == submissionId && !keep.Contains(p.PictureId)).Select(p => new { p.PictureId, p.Width }).ToListAsync(ct);
        foreach (var key in stale.Where(k => !db.ChangeTracker.Entries<CataloguePicture>().Any(e => e.Entity.PictureId == k.PictureId && e.Entity.Width == k.Width)))
            db.Pictures.Remove(new CataloguePicture { PictureId = key.PictureId, Width = key.Width, SubmissionId = submissionId, Webp = [] });
    }

    private static void Remove(PublicationDbContext db, CatalogueEntry? entry, string reason, DateTimeOffset now)
    {
        if (entry is null) return;
        db.Catalogue.Remove(entry);
        BumpRevisionAtCommit(now);
        db.AddToOutbox(new EventUnpublished(entry.SubmissionId, entry.Version, reason, now));
    }

    /// <summary>
    /// One statement, just before the consumer's transaction commits (once for a group of messages): list ETags change
    /// exactly when the catalogue does, and the revision row — which every publishing transaction locks — is held for
    /// the commit only (bumped mid-transaction, it queued every other publication behind each one's whole transaction).
    /// </summary>
    private static void BumpRevisionAtCommit(DateTimeOffset now)
    {
        var changedAt = now.ToUniversalTime();
        InboxTransaction.BeforeCommit("catalogue_revision", async (connection, token) =>
        {
            await using var bump = new Npgsql.NpgsqlCommand("UPDATE catalogue_revision SET revision = revision + 1, changed_at = GREATEST(changed_at, $1) WHERE id = 1", connection);
            bump.Parameters.AddWithValue(changedAt);
            await bump.ExecuteNonQueryAsync(token);
        });
    }
}
