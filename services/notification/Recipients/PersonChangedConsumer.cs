using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>Keeps <see cref="KnownPerson"/> as the identity service announces people: the newest announcement wins, whatever the order of arrival.</summary>
public sealed class PersonChangedConsumer(NotificationDbContext db) : IConsumer<PersonChanged>
{
    public Task Consume(ConsumeContext<PersonChanged> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var m = context.Message;
        var person = await db.People.SingleOrDefaultAsync(p => p.UserId == m.UserId, ct);
        if (person is null) db.People.Add(person = new KnownPerson { UserId = m.UserId });
        else if (m.Sequence <= person.Sequence) return; // older news
        var facts = m.Deleted ? m with { Email = null, DisplayName = "", Language = "fr", OrganisationId = null, Region = null, Departements = [] } : m;
        (person.Sequence, person.Deleted) = (m.Sequence, m.Deleted);
        (person.Email, person.DisplayName, person.Language, person.OrganisationId, person.Region, person.Departements) =
            (facts.Email, facts.DisplayName, facts.Language, facts.OrganisationId, facts.Region, [.. facts.Departements]);
    });
}
