using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Identity.People;

/// <summary>
/// Announces everybody again when a service asks (<see cref="PeopleResyncRequested"/>): every living person's last
/// fingerprint is forgotten, so the <see cref="PeopleAnnouncer"/> announces them all, with higher sequences; the
/// answer (<see cref="PeopleResyncStarted"/>) commits with that reset.
/// </summary>
public sealed class PeopleResyncConsumer(PlatformIdentityDbContext db, PeopleWakeUp wakeUp) : IConsumer<PeopleResyncRequested>
{
    public const string Forgotten = "resync";

    public async Task Consume(ConsumeContext<PeopleResyncRequested> context)
    {
        var taken = await db.ConsumeOnceAsync(context, this, async ct =>
        {
            var people = await db.PeopleAnnouncements.Where(a => a.Fingerprint != PersonAnnouncement.Deleted)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Fingerprint, Forgotten), ct);
            db.AddToOutbox(new PeopleResyncStarted(context.Message.RequestId, people));
        });
        if (taken) wakeUp.Signal();
    }
}
