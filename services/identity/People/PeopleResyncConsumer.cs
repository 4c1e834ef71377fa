using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Identity.People;

/// <summary>
/// Announces everybody again when a service asks (<see cref="PeopleResyncRequested"/>): the last fingerprint of every living
/// person announced before the request is forgotten, so the <see cref="PeopleAnnouncer"/> announces them again, with
/// higher sequences (a requester asking again meanwhile does not cause a third round); the answer
/// (<see cref="PeopleResyncStarted"/>) commits with that reset.
/// </summary>
public sealed class PeopleResyncConsumer(PlatformIdentityDbContext db, PeopleWakeUp wakeUp) : IConsumer<PeopleResyncRequested>
{
    public const string Forgotten = "resync";

    public async Task Consume(ConsumeContext<PeopleResyncRequested> context)
    {
        var taken = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            var before = context.Message.RequestedAt;
            var people = await db.PeopleAnnouncements.Where(a => a.Fingerprint != PersonAnnouncement.Deleted && a.AnnouncedAt < before)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Fingerprint, Forgotten), ct);
            db.AddToOutbox(new PeopleResyncStarted(context.Message.RequestId, people, context.Message.RequestedBy));
        });
        if (taken) wakeUp.Signal();
    }
}
