using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.LabellingReview.Cases;

/// <summary>Opens a pending case in the queue of the submission's (région, département).</summary>
public sealed class OpenCaseConsumer(ReviewDbContext db, TimeProvider clock) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var message = context.Message;
        var existing = await db.Cases.SingleOrDefaultAsync(c => c.SubmissionId == message.SubmissionId, ct);
        if (existing is not null) return; // a later revision already opened it
        var venue = message.Event.Venue;
        var opened = new ReviewCase
        {
            Id = Guid.CreateVersion7(),
            SubmissionId = message.SubmissionId,
            SubmissionVersion = message.SubmissionVersion,
            OrganiserId = message.OrganiserId,
            Title = message.Event.Title,
            CommuneInsee = venue.CommuneInsee,
            Departement = venue.Departement,
            Region = venue.Region,
            Status = CaseStatus.Pending,
            OpenedAt = clock.GetUtcNow(),
        };
        db.Cases.Add(opened);
        db.AddToOutbox(new ReviewCaseOpened(opened.SubmissionId, opened.SubmissionVersion, opened.Id, opened.Region, opened.Departement, opened.OpenedAt));
    });
}

public sealed class VenueLocatedConsumer(ReviewDbContext db) : IConsumer<VenueLocated>
{
    public Task Consume(ConsumeContext<VenueLocated> context) =>
        db.ConsumeOnceAsync(context, this, ct => CaseLocation.ApplyAsync(db, context.Message, LocationStatus.Located, ct));
}

public sealed class VenueUnlocatedConsumer(ReviewDbContext db) : IConsumer<VenueUnlocated>
{
    public Task Consume(ConsumeContext<VenueUnlocated> context) =>
        db.ConsumeOnceAsync(context, this, ct => CaseLocation.ApplyAsync(db, context.Message, LocationStatus.Unlocated, ct));
}

internal static class CaseLocation
{
    /// <summary>Records the latest location status per submission; news about an older version changes nothing.</summary>
    public static async Task ApplyAsync(ReviewDbContext db, ISubmissionEvent news, LocationStatus status, CancellationToken ct)
    {
        var location = await db.Locations.SingleOrDefaultAsync(l => l.SubmissionId == news.SubmissionId, ct);
        if (location is null)
        {
            db.Locations.Add(new VenueLocationStatus { SubmissionId = news.SubmissionId, SubmissionVersion = news.SubmissionVersion, Status = status });
        }
        else if (news.SubmissionVersion >= location.SubmissionVersion)
        {
            (location.SubmissionVersion, location.Status) = (news.SubmissionVersion, status);
        }
    }
}
