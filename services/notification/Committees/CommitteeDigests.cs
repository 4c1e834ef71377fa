using SemaineIndustrie.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Recipients;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Notification.Committees;

/// <summary>
/// The committees' daily digest (not one mail per case), at the configured hour, Europe/Paris: the cases
/// that arrived in the queue since the previous digest, and those overdue or due by the end of the next
/// working day. Each member gets the cases of their départements (all of the région's for a regional
/// member), and nothing when there is nothing to say. A period runs once across replicas: its row in
/// <c>scheduled_runs</c> commits with the deliveries it records, or not at all.
/// </summary>
public sealed class CommitteeDigests(IServiceScopeFactory scopes, ILogger<CommitteeDigests> logger)
{
    public const string Job = "committee-digest";

    /// <summary>The latest digest instant at or before <paramref name="now"/> (today's hour in Paris, or yesterday's).</summary>
    public static DateTimeOffset LatestPeriod(DateTimeOffset now, int hour)
    {
        // The hour's own offset (not midnight's): on the days the clocks change they differ.
        var local = ParisTime.ToParis(now);
        var today = new DateTime(local.Year, local.Month, local.Day, hour, 0, 0, DateTimeKind.Unspecified);
        var instant = new DateTimeOffset(today, ParisTime.Zone.GetUtcOffset(today));
        return instant <= now ? instant : new DateTimeOffset(today.AddDays(-1), ParisTime.Zone.GetUtcOffset(today.AddDays(-1)));
    }

    /// <summary>Records the digest of <paramref name="period"/> unless it already ran. Returns whether this call ran it.</summary>
    public async Task<bool> RunAsync(DateTimeOffset period, CancellationToken ct)
    {
        var key = ParisTime.Format(period, "yyyy-MM-dd");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        if (await db.ScheduledRuns.AnyAsync(r => r.Job == Job && r.Period == key, ct)) return false;

        var since = period.AddDays(-1);
        var periodDay = ParisTime.Day(period);
        var cases = await (from c in db.OpenCases.AsNoTracking()
                           where !c.Closed && c.OpenedAt <= period
                           join s in db.Submissions.AsNoTracking() on c.SubmissionId equals s.SubmissionId into known
                           from s in known.DefaultIfEmpty()
                           orderby c.DueAt, c.OpenedAt
                           select new DigestCase(c.CaseId, c.Region, c.Departement, s != null ? s.Title : "(titre à venir)", s != null ? s.CommuneName : "", c.OpenedAt, c.DueAt))
            .ToListAsync(ct);
        bool DueSoon(DigestCase c, string departement) =>
            c.DueAt is { } due && due >= period && ParisTime.Day(due) <= NextWorkingDay(periodDay, departement).AddDays(1);
        var relevant = cases.Where(c => c.OpenedAt > since || c.DueAt < period || DueSoon(c, c.Departement)).ToList();

        // Who sits on the committees concerned, as identity last announced them.
        var committees = scope.ServiceProvider.GetRequiredService<People>();
        var members = new Dictionary<string, IReadOnlyList<CommitteeRecipient>>();
        foreach (var region in relevant.Select(c => c.Region).Distinct()) members[region] = await committees.OfCommitteeAsync(region, ct);

        var notices = scope.ServiceProvider.GetRequiredService<Notices>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO scheduled_runs (job, period, ran_at) VALUES ({Job}, {key}, now()) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0) return false; // another replica ran it meanwhile

        var mailed = 0;
        foreach (var (region, people) in members)
        foreach (var person in people)
        {
            var mine = relevant.Where(c => c.Region == region && (person.Departements.Count == 0 || person.Departements.Contains(c.Departement))).ToList();
            var arrived = mine.Where(c => c.OpenedAt > since).ToList();
            var overdue = mine.Where(c => c.DueAt < period).ToList();
            var soon = mine.Where(c => DueSoon(c, c.Departement) && !overdue.Contains(c)).ToList();
            if (arrived.Count + overdue.Count + soon.Count == 0) continue;
            await notices.RecordAsync($"{Job}:{key}", Kinds.CommitteeDigest, [person.Person], _ => new Dictionary<string, object?>
            {
                ["day"] = ParisTime.Format(period, "dd/MM/yyyy"),
                ["arrived"] = arrived.Select(Line).ToList(), ["overdue"] = overdue.Select(Line).ToList(), ["soon"] = soon.Select(Line).ToList(),
                ["queue_url"] = notices.Link("mon-espace/dossiers"),
            }, ct);
            mailed++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notices.Committed();
        logger.LogInformation("Committee digest {Period}: {Members} member(s) mailed, {Cases} case(s) concerned", key, mailed, relevant.Count);
        return true;

        Dictionary<string, object?> Line(DigestCase c) => new()
        {
            ["title"] = c.Title, ["commune"] = c.Commune, ["departement"] = c.Departement,
            ["due"] = c.DueAt is { } due ? ParisTime.Format(due.AddMinutes(-1), "dd/MM/yyyy") : "",
            ["url"] = notices.Link($"mon-espace/dossiers/{c.CaseId}"),
        };
    }

    private static DateOnly NextWorkingDay(DateOnly day, string departement)
    {
        do day = day.AddDays(1); while (!FrenchPublicHolidays.IsWorkingDay(day, departement));
        return day;
    }

    private sealed record DigestCase(Guid CaseId, string Region, string Departement, string Title, string Commune, DateTimeOffset OpenedAt, DateTimeOffset? DueAt);
}

/// <summary>
/// Runs the committee digest at the configured hour; a service that was down at that hour runs the missed one once when it starts.
/// Which day's digest is due is a domain question (the domain clock: a shifted Development run digests its own days); the pause
/// between checks is a real timer.
/// </summary>
public sealed class CommitteeDigestScheduler(CommitteeDigests digests, IOptions<NotificationOptions> options, DomainClock today, TimeProvider clock,
    ILogger<CommitteeDigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Digest;
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digests.RunAsync(CommitteeDigests.LatestPeriod(today.GetUtcNow(), settings.Hour), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Committee digest failed; tried again at the next check");
            }
            try { await Task.Delay(settings.CheckInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
