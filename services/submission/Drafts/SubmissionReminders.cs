using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Work;
using SemaineIndustrie.Submission.Editions;

namespace SemaineIndustrie.Submission.Drafts;

/// <summary>Wakes the reminders when the editions change (a window moved, an edition published).</summary>
public sealed class ReminderWakeUp : WakeUp;

/// <summary>
/// Seven days, then two days, before an edition's submission window closes (domain clock), every organisation with an
/// unfinished draft for that edition or a demand of it awaiting changes is reminded — once per kind, the most urgent due
/// kind only (a draft begun the day before the close gets "j-2", never "j-7" after it). The reminder and its record are
/// committed together (the outbox); the notification service mails the organisation's members.
/// </summary>
public sealed partial class SubmissionReminders(IServiceScopeFactory scopes, EditionCatalog editions, DomainClock clock, ReminderWakeUp wakeUp,
    ILogger<SubmissionReminders> logger) : BackgroundService
{
    public const string WeekBefore = "j-7", TwoDaysBefore = "j-2";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        editions.Changed += wakeUp.Signal;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunAsync(stoppingToken) is > 0 and var sent) LogSent(logger, sent);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex); // another replica recorded the same reminder first, or the database is away: next round
            }
            try { await wakeUp.WaitAsync(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>The kind of reminder due for an edition at <paramref name="now"/>, if any.</summary>
    public static string? Due(Edition edition, DateTimeOffset now)
    {
        var left = edition.SubmissionsClose - now;
        if (!edition.Published || now < edition.SubmissionsOpen || left <= TimeSpan.Zero) return null;
        return left <= TimeSpan.FromDays(2) ? TwoDaysBefore : left <= TimeSpan.FromDays(7) ? WeekBefore : null;
    }

    /// <returns>How many organisations were reminded.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = editions.All.Select(e => (Edition: e, Kind: Due(e, now))).Where(d => d.Kind is not null).ToDictionary(d => d.Edition.Year, d => (d.Edition, Kind: d.Kind!));
        if (due.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubmissionDbContext>();
        var years = due.Keys.ToList();

        var drafts = (await db.Drafts.AsNoTracking().ToListAsync(ct))
            .Select(d => (d.OrganiserId, Year: d.EditionIn(editions)?.Year, Item: new ReminderItem(d.Id, d.Title)))
            .Where(d => d.Year is { } y && due.ContainsKey(y)).ToLookup(d => (d.OrganiserId, d.Year!.Value), d => d.Item);
        var awaiting = (await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.ChangesRequested && years.Contains(s.Edition))
                .Select(s => new { s.OrganiserId, s.Edition, s.Id, s.Title }).ToListAsync(ct))
            .ToLookup(s => (s.OrganiserId, s.Edition), s => new ReminderItem(s.Id, s.Title));
        var sent = (await db.SentReminders.AsNoTracking().Where(r => years.Contains(r.Edition)).ToListAsync(ct))
            .Select(r => (r.OrganiserId, r.Edition, r.Kind)).ToHashSet();

        var reminded = 0;
        foreach (var (organiser, year) in drafts.Select(g => g.Key).Union(awaiting.Select(g => g.Key)).Distinct())
        {
            var (edition, kind) = due[year];
            if (sent.Contains((organiser, year, kind)) || (kind == WeekBefore && sent.Contains((organiser, year, TwoDaysBefore)))) continue;
            db.AddToOutbox(new SubmissionReminderDue(organiser, year, kind, edition.SubmissionsClose,
                drafts[(organiser, year)].ToList(), awaiting[(organiser, year)].ToList(), now));
            db.SentReminders.Add(new SentReminder { OrganiserId = organiser, Edition = year, Kind = kind, SentAt = now });
            reminded++;
        }
        if (reminded > 0) await db.SaveChangesAsync(ct); // the primary key keeps two replicas from reminding twice
        return reminded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Count} organisations that a submission window closes soon")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission reminders failed; next round in a minute or at the next edition change")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
