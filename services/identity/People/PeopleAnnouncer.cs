using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Identity.People;

/// <summary>
/// Announces people to the rest of the platform (<see cref="PersonChanged"/>, through the outbox): every person whose
/// address, confirmation, name, language, organisation, committee seat or administration (and so role) differs from what was last announced — a
/// fingerprint compared in the database, so that no place that changes a person can forget to announce it, and the
/// first run announces everybody. A deleted person is announced once as deleted. Woken at commit by
/// <see cref="PeopleTriggers"/>, and every minute; replicas take turns (an advisory lock), so sequences only grow.
/// </summary>
public sealed class PeopleAnnouncer(IServiceScopeFactory scopes, PeopleWakeUp wakeUp, TimeProvider clock, ILogger<PeopleAnnouncer> logger)
    : PollingWorker(wakeUp, logger)
{
    private const int Batch = 200;
    private const long LockKey = 0x5e_1d_0e_01; // "people announcer", for pg_advisory_xact_lock

    /// <summary>What a person's announcement says, with its fingerprint, for those whose fingerprint is not the one last announced.</summary>
    private static readonly string ChangedSql = $$"""
        SELECT f.user_id, f.email, f.display_name, f.language, f.organisation_id, f.region, f.departements, h.fingerprint, f.role, f.admin_region
        FROM (SELECT u.id AS user_id, CASE WHEN u.email_confirmed THEN u.email END AS email, u.display_name,
                     u.preferred_language AS language, replace(m.organisation_id::text, '-', '') AS organisation_id,
                     s.region, coalesce(s.departements, '{}'::text[]) AS departements,
                     -- the precedence of Accounts/Standing: a national admin, then a regional admin or a seat, then an organiser
                     CASE WHEN g.user_id IS NOT NULL AND g.region IS NULL THEN '{{PlatformClaims.AdminRole}}'
                          WHEN g.user_id IS NOT NULL OR s.user_id IS NOT NULL THEN '{{PlatformClaims.ReviewerRole}}'
                          ELSE '{{PlatformClaims.OrganiserRole}}' END AS role,
                     g.region AS admin_region
              FROM "AspNetUsers" u
              LEFT JOIN organisation_members m ON m.user_id = u.id
              LEFT JOIN committee_seats s ON s.user_id = u.id
              LEFT JOIN admin_grants g ON g.user_id = u.id) f
        CROSS JOIN LATERAL (SELECT md5(row(f.email, f.display_name, f.language, f.organisation_id, f.region, f.departements, f.role, f.admin_region)::text) AS fingerprint) h
        LEFT JOIN people_announcements a ON a.user_id = f.user_id
        WHERE a.fingerprint IS DISTINCT FROM h.fingerprint
        ORDER BY f.user_id
        LIMIT {{Batch}}
        """;

    private static readonly string GoneSql = $"""
        SELECT a.user_id FROM people_announcements a
        WHERE a.fingerprint <> '{PersonAnnouncement.Deleted}' AND NOT EXISTS (SELECT 1 FROM "AspNetUsers" u WHERE u.id = a.user_id)
        ORDER BY a.user_id
        LIMIT {Batch}
        """;

    protected override TimeSpan PollInterval => TimeSpan.FromMinutes(1);

    /// <returns>true when a full batch was announced (there may be more).</returns>
    public override async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Replicas announce one after the other; the next one's statements see what the previous one committed.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var changed = await ReadAsync(db, ChangedSql, r => (Person: new PersonChanged(r.GetString(0), 0, r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<string[]>(6), Deleted: false,
            Role: r.GetString(8), AdminRegion: r.IsDBNull(9) ? null : r.GetString(9)), Fingerprint: r.GetString(7)), ct);
        var gone = await ReadAsync(db, GoneSql, r => r.GetString(0), ct);
        if (changed.Count + gone.Count == 0) return false;

        var ids = changed.Select(c => c.Person.UserId).Concat(gone).ToList();
        var known = await db.PeopleAnnouncements.Where(a => ids.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, ct);
        var now = clock.GetUtcNow();
        foreach (var (person, fingerprint) in changed) db.AddToOutbox(person with { Sequence = Announce(person.UserId, fingerprint) });
        foreach (var id in gone) db.AddToOutbox(new PersonChanged(id, Announce(id, PersonAnnouncement.Deleted), null, "", "fr", null, null, [], Deleted: true));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Announced {Changed} person(s) changed and {Deleted} deleted", changed.Count, gone.Count);
        return changed.Count == Batch || gone.Count == Batch;

        long Announce(string userId, string fingerprint)
        {
            if (!known.TryGetValue(userId, out var announcement))
                db.PeopleAnnouncements.Add(announcement = new PersonAnnouncement { UserId = userId, Fingerprint = fingerprint });
            // Always growing, even across a restored database: never below the clock's ticks.
            (announcement.Fingerprint, announcement.Sequence, announcement.AnnouncedAt) = (fingerprint, Math.Max(announcement.Sequence + 1, now.UtcTicks), now);
            return announcement.Sequence;
        }
    }

    private static async Task<List<T>> ReadAsync<T>(PlatformIdentityDbContext db, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}

/// <summary>The announcer's wake-up, signalled at commit through <see cref="PeopleTriggers.Channel"/>.</summary>
public sealed class PeopleWakeUp : WakeUp;

/// <summary>Listens for <see cref="PeopleTriggers.Channel"/> and wakes this replica's announcer.</summary>
public sealed class PeopleChangesListener(NpgsqlDataSource dataSource, PeopleWakeUp wakeUp, ILogger<PeopleChangesListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresListener.RunAsync(dataSource, PeopleTriggers.Channel, wakeUp.Signal, logger, stoppingToken);
}
