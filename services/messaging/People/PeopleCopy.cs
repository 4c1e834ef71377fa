using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Messaging.People;

/// <summary>
/// A service's copy of the people the identity service announces (<see cref="PersonChanged"/>), event-carried state: the
/// service asks nobody who to tell or who may take a case, so it works while identity is down. Mapped by
/// <see cref="AddPeopleCopy"/> (tables <c>people</c> and <c>people_resync</c>); kept by a <see cref="PersonChangedConsumerBase"/>;
/// filled at first start by <see cref="PeopleResync{TDb}"/>.
/// </summary>
public static class PeopleCopy
{
    public const string Table = "people";
    public const string ResyncTable = "people_resync";

    /// <summary>Maps the copy into a service's DbContext (and so its migrations).</summary>
    public static ModelBuilder AddPeopleCopy(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownPerson>(e =>
        {
            e.ToTable(Table);
            e.HasKey(p => p.UserId);
            e.Property(p => p.UserId).HasMaxLength(450);
            e.Property(p => p.Email).HasMaxLength(320);
            e.Property(p => p.DisplayName).HasMaxLength(200);
            e.Property(p => p.Language).HasMaxLength(5);
            e.Property(p => p.OrganisationId).HasMaxLength(100);
            e.Property(p => p.Region).HasMaxLength(2);
            e.Property(p => p.Role).HasMaxLength(20);
            e.Property(p => p.AdminRegion).HasMaxLength(2);
            e.HasIndex(p => p.OrganisationId);
            e.HasIndex(p => p.Region);
            e.HasIndex(p => p.AdminRegion);
            e.Ignore(p => p.ReviewScope);
        });
        modelBuilder.Entity<PeopleResyncAnswer>(e =>
        {
            e.ToTable(ResyncTable);
            e.HasKey(a => a.RequestId);
        });
        return modelBuilder;
    }

    /// <summary>Every service that keeps people keeps what a committee member needs; only some keep organisers (addresses to mail).</summary>
    public static bool IsCommitteeMember(PersonChanged person) =>
        person.Role is PlatformClaims.ReviewerRole or PlatformClaims.AdminRole;
}

/// <summary>The identity service answered this service's request to announce everybody (<see cref="PeopleResyncStarted"/>).</summary>
public sealed class PeopleResyncAnswer
{
    public Guid RequestId { get; init; }
    public int People { get; init; }
    public DateTimeOffset AnsweredAt { get; init; }
}

/// <summary>
/// Keeps <see cref="KnownPerson"/> as the identity service announces people: the newest announcement wins, whatever the
/// order of arrival. A person the service does not keep (<see cref="Keeps"/>) is stored without facts, like a deleted one,
/// so that a reviewer who becomes an organiser disappears from the copy and older news never brings them back.
/// Each service derives its own (one queue per service, named after the class).
/// </summary>
public abstract class PersonChangedConsumerBase(DbContext db) : IConsumer<PersonChanged>
{
    /// <summary>Which people this service holds facts of.</summary>
    protected virtual bool Keeps(PersonChanged person) => true;

    public Task Consume(ConsumeContext<PersonChanged> context) => db.ConsumeOnceAsync(context, this, ct =>
    {
        var m = context.Message;
        var forget = m.Deleted || !Keeps(m);
        var facts = forget ? m with { Email = null, DisplayName = "", Language = "fr", OrganisationId = null, Region = null, Departements = [], Role = null, AdminRegion = null } : m;
        // One statement: two announcements of a new person consumed at once cannot both insert, and older news never overwrites.
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO people (user_id, sequence, email, display_name, language, organisation_id, region, departements, role, admin_region, deleted)
            VALUES ({m.UserId}, {m.Sequence}, {facts.Email}, {facts.DisplayName}, {facts.Language}, {facts.OrganisationId}, {facts.Region},
                    {facts.Departements.ToArray()}, {facts.Role}, {facts.AdminRegion}, {m.Deleted})
            ON CONFLICT (user_id) DO UPDATE SET sequence = excluded.sequence, email = excluded.email, display_name = excluded.display_name,
              language = excluded.language, organisation_id = excluded.organisation_id, region = excluded.region,
              departements = excluded.departements, role = excluded.role, admin_region = excluded.admin_region, deleted = excluded.deleted
            WHERE people.sequence < excluded.sequence
            """, ct);
    });
}

/// <summary>The identity service took a resync request of this service: it need not ask again. Each service derives its own.</summary>
public abstract class PeopleResyncStartedConsumerBase(DbContext db, string requestedBy) : IConsumer<PeopleResyncStarted>
{
    public Task Consume(ConsumeContext<PeopleResyncStarted> context)
    {
        var m = context.Message;
        // Another service's request covers only what was announced before it asked; an identity too old to say who asked answered us too.
        if (m.RequestedBy is { } by && by != requestedBy) return Task.CompletedTask;
        return db.ConsumeOnceAsync(context, this, ct => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO people_resync (request_id, people, answered_at) VALUES ({m.RequestId}, {m.People}, now()) ON CONFLICT DO NOTHING", ct));
    }
}
