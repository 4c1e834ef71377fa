using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Geocoding.Locating;

public sealed class LocateReceivedSubmissionConsumer(GeocodingDbContext db, CommuneLocator locator, TimeProvider clock) : IConsumer<SubmissionReceived>
{
    public Task Consume(ConsumeContext<SubmissionReceived> context) =>
        db.ConsumeOnceAsync(context, this, ct => VenueLocating.LocateAsync(db, locator, clock, context.Message, context.Message.Event.Venue, ct));
}

public sealed class LocateRevisedSubmissionConsumer(GeocodingDbContext db, CommuneLocator locator, TimeProvider clock) : IConsumer<SubmissionRevised>
{
    public Task Consume(ConsumeContext<SubmissionRevised> context) =>
        db.ConsumeOnceAsync(context, this, ct => VenueLocating.LocateAsync(db, locator, clock, context.Message, context.Message.Event.Venue, ct));
}

internal static class VenueLocating
{
    /// <summary>Locates the venue of one submission version; an older version than the one stored changes nothing.</summary>
    public static async Task LocateAsync(GeocodingDbContext db, CommuneLocator locator, TimeProvider clock, ISubmissionEvent version, Venue venue, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var location = await db.VenueLocations.SingleOrDefaultAsync(v => v.SubmissionId == version.SubmissionId, ct);
        if (location is not null && location.SubmissionVersion >= version.SubmissionVersion) return;
        if (location is null)
        {
            location = new VenueLocation { SubmissionId = version.SubmissionId, CommuneInsee = venue.CommuneInsee };
            db.VenueLocations.Add(location);
        }

        location.SubmissionVersion = version.SubmissionVersion;
        location.CommuneInsee = venue.CommuneInsee;
        location.UpdatedAt = now;
        if (locator.Locate(venue.CommuneInsee) is { } point)
        {
            (location.Latitude, location.Longitude) = (point.Latitude, point.Longitude);
            (location.Precision, location.Source, location.UnlocatedReason) = (LocationPrecision.Municipality, CommuneLocator.Source, null);
            db.AddToOutbox(new VenueLocated(version.SubmissionId, version.SubmissionVersion, point.Latitude, point.Longitude,
                LocationPrecision.Municipality, CommuneLocator.Source, null, now));
        }
        else
        {
            (location.Latitude, location.Longitude, location.Precision, location.Source) = (null, null, null, null);
            location.UnlocatedReason = $"commune {venue.CommuneInsee} not found";
            db.AddToOutbox(new VenueUnlocated(version.SubmissionId, version.SubmissionVersion, location.UnlocatedReason, now));
        }
    }
}
