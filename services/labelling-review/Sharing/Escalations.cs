using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Deadlines;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.LabellingReview.Sharing;

/// <summary>That a case was escalated at a level (<see cref="CaseEscalated.Regional"/>, <see cref="CaseEscalated.National"/>): once each, ever.</summary>
public sealed class CaseEscalation
{
    public Guid CaseId { get; init; }
    public required string Level { get; init; }
    public int WorkingDaysLate { get; init; }
    public DateTimeOffset EscalatedAt { get; init; }
}

/// <summary>
/// Nothing overdue unseen: every <see cref="ReviewOptions.EscalationInterval"/>, each pending case late by two working days of
/// its département or more is escalated to the région's administrators (<see cref="CaseEscalated"/> "region": the notification
/// service mails them), and from five to the national team ("national": its dashboard). Once per case and level: the record,
/// its audit line and the event commit together; replicas take turns (an advisory lock). On the domain clock, like deadlines.
/// </summary>
public sealed class Escalations(IServiceScopeFactory scopes, IOptions<ReviewOptions> options, ILogger<Escalations> logger) : PeriodicJob(logger)
{
    private const long LockKey = 0x5e_1e_5c_a1; // "escalations", for pg_advisory_xact_lock
    public const string Actor = "system:escalations";

    protected override TimeSpan Interval => options.Value.EscalationInterval;

    public override async Task RunOnceAsync(CancellationToken ct) => await EscalateAsync(ct);

    /// <returns>How many escalations were recorded (a case reaching both levels at once counts twice).</returns>
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<DomainClock>().GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        // A deadline two calendar days past at least: fewer cannot be two working days late.
        var overdue = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Pending && c.DueAt < now.AddDays(-2)
                && db.Escalations.Count(e => e.CaseId == c.Id) < 2)
            .Select(c => new { Case = c, Levels = db.Escalations.Where(e => e.CaseId == c.Id).Select(e => e.Level).ToList() })
            .ToListAsync(ct);
        var recorded = 0;
        foreach (var (reviewCase, levels) in overdue.Select(o => (o.Case, o.Levels)))
        {
            var late = ReviewDeadline.WorkingDaysLate(reviewCase.DueAt, reviewCase.Departement, now);
            foreach (var level in ReviewDeadline.EscalationLevels(late).Except(levels))
            {
                db.Escalations.Add(new CaseEscalation { CaseId = reviewCase.Id, Level = level, WorkingDaysLate = late, EscalatedAt = now });
                db.Record(reviewCase, Actor, "escalated", now, $"Overdue by {late} working days: escalated to the {(level == CaseEscalated.Regional ? "région's administrators" : "national team")}.");
                db.AddToOutbox(new CaseEscalated(reviewCase.Id, reviewCase.SubmissionId, reviewCase.Title, reviewCase.Region, reviewCase.Departement,
                    level, late, reviewCase.DueAt, reviewCase.IsClaimed(now) ? reviewCase.ClaimedBy : null, now));
                recorded++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (recorded > 0) logger.LogInformation("Escalated {Count} overdue case level(s)", recorded);
        return recorded;
    }
}
