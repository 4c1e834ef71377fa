using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Deadlines;
using SemaineIndustrie.LabellingReview.PreChecks;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.LabellingReview.Cases;

public sealed class OpenCaseConsumer(ReviewDbContext db) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => db.ConsumeOnceAsync(context, this, ct =>
        CaseIntake.ReceiveAsync(db, context.Message, context.Message.OrganiserId, context.Message.Event, context.Message.ReceivedAt, ct));
}

public sealed class ReviseCaseConsumer(ReviewDbContext db) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) => db.ConsumeOnceAsync(context, this, ct =>
        CaseIntake.ReceiveAsync(db, context.Message, context.Message.OrganiserId, context.Message.Event, context.Message.RevisedAt, ct));
}

public sealed class CloseCaseConsumer(ReviewDbContext db) : IConsumer<SubmissionWithdrawn>
{
    public Task Consume(ConsumeContext<SubmissionWithdrawn> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var message = context.Message;
        if (!await db.Withdrawals.AnyAsync(w => w.SubmissionId == message.SubmissionId, ct))
        {
            db.Withdrawals.Add(new Withdrawal { SubmissionId = message.SubmissionId, SubmissionVersion = message.SubmissionVersion, WithdrawnAt = message.WithdrawnAt });
        }
        var reviewCase = await db.Cases.SingleOrDefaultAsync(c => c.SubmissionId == message.SubmissionId, ct);
        if (reviewCase is not null) db.Record(reviewCase, CaseAuditEntry.System, reviewCase.Withdraw(), message.WithdrawnAt);
    });
}

public sealed class VenueLocatedConsumer(ReviewDbContext db) : IConsumer<VenueLocated>
{
    public Task Consume(ConsumeContext<VenueLocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        CaseIntake.LocateAsync(db, context.Message,
            context.Message.Precision == LocationPrecision.Manual ? LocationStatus.Corrected : LocationStatus.Located,
            $"{context.Message.Precision} ({context.Message.Source})", ct));
}

public sealed class VenueUnlocatedConsumer(ReviewDbContext db) : IConsumer<VenueUnlocated>
{
    public Task Consume(ConsumeContext<VenueUnlocated> context) => db.ConsumeOnceAsync(context, this, ct =>
        CaseIntake.LocateAsync(db, context.Message, LocationStatus.Unlocated, context.Message.Reason, ct));
}

internal static class CaseIntake
{

    /// <summary>
    /// A version arrives: opens the case in its (région, département) queue, or moves an existing case to
    /// this newer version (back in the queue if it had been decided). Older versions and withdrawn
    /// submissions change nothing. Announces the case (ReviewCaseOpened) so the organiser sees "in review".
    /// </summary>
    public static async Task ReceiveAsync(ReviewDbContext db, ISubmissionEvent version, string organiserId, EventDetails details, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (await db.Withdrawals.AnyAsync(w => w.SubmissionId == version.SubmissionId, ct)) return;
        var reviewCase = await db.Cases.SingleOrDefaultAsync(c => c.SubmissionId == version.SubmissionId, ct);
        var detailsJson = JsonSerializer.Serialize(details, ContractJson.Options);
        var due = ReviewDeadline.DueAt(receivedAt, details.Venue.Departement);
        IReadOnlyList<CaseTransition> changes;
        if (reviewCase is null)
        {
            (reviewCase, changes) = ReviewCase.Open(version, organiserId, details, detailsJson, receivedAt, due);
            db.Cases.Add(reviewCase);
        }
        else
        {
            changes = reviewCase.ReceiveVersion(version, details, detailsJson, receivedAt, due);
            if (changes.Count == 0) return; // an older or repeated version
        }
        foreach (var change in changes) db.Record(reviewCase, CaseAuditEntry.System, change, receivedAt);
        reviewCase.SearchText = Search.CaseSearch.Text(reviewCase.Id, reviewCase.SubmissionId, details);

        var duplicates = await LikelyDuplicatesAsync(db, reviewCase, ct);
        reviewCase.PossibleDuplicates = duplicates.Select(d => d.Id).ToArray();
        foreach (var other in duplicates.Where(o => !o.PossibleDuplicates.Contains(reviewCase.Id)))
        {
            other.PossibleDuplicates = [.. other.PossibleDuplicates, reviewCase.Id];
        }
        // The four conditions belong to this version; duplicates and location change with other cases and
        // with geocoding, so the case view derives those two when it is read.
        reviewCase.PreChecks = PreCheckRules.Write(PreCheckRules.Conditions(details));
    }

    private static async Task<List<ReviewCase>> LikelyDuplicatesAsync(ReviewDbContext db, ReviewCase reviewCase, CancellationToken ct)
    {
        // Two versions of one organiser for the same commune and day consumed at once would each miss the
        // other (neither is committed yet): a transaction-scoped advisory lock on that key makes the second
        // wait for the first's commit, then see it. Held until this consumer's transaction ends.
        var key = $"duplicates:{reviewCase.OrganiserId}:{reviewCase.CommuneInsee}:{reviewCase.EventDay:yyyy-MM-dd}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        var sameDayHere = await db.Cases
            .Where(c => c.OrganiserId == reviewCase.OrganiserId && c.CommuneInsee == reviewCase.CommuneInsee && c.EventDay == reviewCase.EventDay
                        && c.SubmissionId != reviewCase.SubmissionId && c.Status != CaseStatus.Withdrawn)
            .ToListAsync(ct);
        return sameDayHere.Where(c => PreCheckRules.SimilarTitles(c.Title, reviewCase.Title)).ToList();
    }

    /// <summary>Records the latest location status per submission (see <see cref="VenueLocationStatus.Apply"/>).</summary>
    public static async Task LocateAsync(ReviewDbContext db, ISubmissionEvent news, LocationStatus status, string detail, CancellationToken ct)
    {
        var location = await db.Locations.SingleOrDefaultAsync(l => l.SubmissionId == news.SubmissionId, ct);
        if (location is null) db.Locations.Add(VenueLocationStatus.First(news.SubmissionId, news.SubmissionVersion, status, detail));
        else location.Apply(news.SubmissionVersion, status, detail);
    }
}
