using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>Keeps <see cref="KnownPerson"/> as the identity service announces people: the newest announcement wins, whatever the order of arrival.</summary>
public sealed class PersonChangedConsumer(NotificationDbContext db) : IConsumer<PersonChanged>
{
    public Task Consume(ConsumeContext<PersonChanged> context) => db.ConsumeOnceAsync(context, this, ct =>
    {
        var m = context.Message;
        var facts = m.Deleted ? m with { Email = null, DisplayName = "", Language = "fr", OrganisationId = null, Region = null, Departements = [] } : m;
        // One statement: two announcements of a new person consumed at once cannot both insert, and older news never overwrites.
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO people (user_id, sequence, email, display_name, language, organisation_id, region, departements, deleted)
            VALUES ({m.UserId}, {m.Sequence}, {facts.Email}, {facts.DisplayName}, {facts.Language}, {facts.OrganisationId}, {facts.Region}, {facts.Departements.ToArray()}, {m.Deleted})
            ON CONFLICT (user_id) DO UPDATE SET sequence = excluded.sequence, email = excluded.email, display_name = excluded.display_name,
              language = excluded.language, organisation_id = excluded.organisation_id, region = excluded.region,
              departements = excluded.departements, deleted = excluded.deleted
            WHERE people.sequence < excluded.sequence
            """, ct);
    });
}
