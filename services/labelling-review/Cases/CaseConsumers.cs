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
        if (reviewCase is null || reviewCase.Status == CaseStatus.Withdrawn) return;
        reviewCase.Status = CaseStatus.Withdrawn;
        reviewCase.Release();
        db.Record(reviewCase, CaseAuditEntry.System, "withdrawn", message.WithdrawnAt, "Withdrawn by the organiser.");
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A version arrives: opens the case in its (région, département) queue, or moves an existing case to
    /// this newer version (back in the queue if it had been decided). Older versions and withdrawn
    /// submissions change nothing. Announces the case (ReviewCaseOpened) so the organiser sees "in review".
    /// </summary>
    public static async Task ReceiveAsync(ReviewDbContext db, ISubmissionEvent version, string organiserId, EventDetails details, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (await db.Withdrawals.AnyAsync(w => w.SubmissionId == version.SubmissionId, ct)) return;
        var reviewCase = await db.Cases.SingleOrDefaultAsync(c => c.SubmissionId == version.SubmissionId, ct);
        if (reviewCase is not null && reviewCase.SubmissionVersion >= version.SubmissionVersion) return;

        var detailsJson = JsonSerializer.Serialize(details, Json);
        var due = ReviewDeadline.DueAt(receivedAt, details.Venue.Departement);
        if (reviewCase is null)
        {
            reviewCase = new ReviewCase
            {
                Id = Guid.CreateVersion7(receivedAt),
                SubmissionId = version.SubmissionId,
                OrganiserId = organiserId,
                Title = details.Title, CommuneInsee = details.Venue.CommuneInsee, Departement = details.Venue.Departement,
                Region = details.Venue.Region, Sectors = [], Details = detailsJson, PreChecks = "[]",
                Status = CaseStatus.Pending,
                FirstReceivedAt = receivedAt,
            };
            reviewCase.Describe(version, details, detailsJson, receivedAt, due);
            db.Cases.Add(reviewCase);
            db.Record(reviewCase, CaseAuditEntry.System, "opened", receivedAt, $"Queue {details.Venue.Region}/{details.Venue.Departement}.");
        }
        else
        {
            var previous = reviewCase.Status;
            var queue = (reviewCase.Region, reviewCase.Departement);
            reviewCase.Describe(version, details, detailsJson, receivedAt, due);
            reviewCase.Reopen();
            var moved = queue != (reviewCase.Region, reviewCase.Departement);
            db.Record(reviewCase, CaseAuditEntry.System, previous == CaseStatus.Pending ? "revised" : "reopened", receivedAt,
                moved
                    ? $"Version {version.SubmissionVersion} (was {previous}); moved from queue {queue.Region}/{queue.Departement} to {reviewCase.Region}/{reviewCase.Departement}."
                    : $"Version {version.SubmissionVersion} (was {previous}).");
            // The new committee must be able to act at once: a claim by the old queue's reviewer ends with the move.
            if (moved && reviewCase.ClaimedBy is { } holder)
            {
                reviewCase.Release();
                db.Record(reviewCase, CaseAuditEntry.System, "released", receivedAt, $"Claim of {holder} released: the case moved to queue {reviewCase.Region}/{reviewCase.Departement}.");
            }
        }

        var duplicates = await LikelyDuplicatesAsync(db, reviewCase, ct);
        reviewCase.PossibleDuplicates = duplicates.Select(d => d.Id).ToArray();
        foreach (var other in duplicates.Where(o => !o.PossibleDuplicates.Contains(reviewCase.Id)))
        {
            other.PossibleDuplicates = [.. other.PossibleDuplicates, reviewCase.Id];
        }
        // The four conditions belong to this version; duplicates and location change with other cases and
        // with geocoding, so the case view derives those two when it is read.
        reviewCase.PreChecks = PreCheckRules.Write(PreCheckRules.Conditions(details));

        db.AddToOutbox(new ReviewCaseOpened(reviewCase.SubmissionId, reviewCase.SubmissionVersion, reviewCase.Id,
            reviewCase.Region, reviewCase.Departement, receivedAt));
    }

    private static async Task<List<ReviewCase>> LikelyDuplicatesAsync(ReviewDbContext db, ReviewCase reviewCase, CancellationToken ct)
    {
        var sameDayHere = await db.Cases
            .Where(c => c.OrganiserId == reviewCase.OrganiserId && c.CommuneInsee == reviewCase.CommuneInsee && c.EventDay == reviewCase.EventDay
                        && c.SubmissionId != reviewCase.SubmissionId && c.Status != CaseStatus.Withdrawn)
            .ToListAsync(ct);
        return sameDayHere.Where(c => PreCheckRules.SimilarTitles(c.Title, reviewCase.Title)).ToList();
    }

    /// <summary>
    /// Records the latest location status per submission. News about an older version changes nothing; for
    /// the same version a reviewer's correction wins over automatic results (Located, Unlocated) whatever
    /// order they arrive in — geocoding itself keeps a correction on later versions until the address changes.
    /// </summary>
    public static async Task LocateAsync(ReviewDbContext db, ISubmissionEvent news, LocationStatus status, string detail, CancellationToken ct)
    {
        var location = await db.Locations.SingleOrDefaultAsync(l => l.SubmissionId == news.SubmissionId, ct);
        if (location is null)
        {
            db.Locations.Add(new VenueLocationStatus { SubmissionId = news.SubmissionId, SubmissionVersion = news.SubmissionVersion, Status = status, Detail = detail });
        }
        else if (news.SubmissionVersion > location.SubmissionVersion
                 || (news.SubmissionVersion == location.SubmissionVersion && (status == LocationStatus.Corrected || location.Status != LocationStatus.Corrected)))
        {
            (location.SubmissionVersion, location.Status, location.Detail) = (news.SubmissionVersion, status, detail);
        }
    }
}
