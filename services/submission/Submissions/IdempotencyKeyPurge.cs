using SemaineIndustrie.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>Configuration section "Submissions".</summary>
public sealed class SubmissionOptions
{
    /// <summary>How long an Idempotency-Key is remembered (and a retry with it replays the first answer): 7 days.</summary>
    public TimeSpan IdempotencyKeyRetention { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan IdempotencyKeyPurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Forgets Idempotency-Keys past their retention (a retry after that creates a new submission).</summary>
public sealed partial class IdempotencyKeyPurge(IServiceScopeFactory scopes, DomainClock clock, IOptions<SubmissionOptions> options, ILogger<IdempotencyKeyPurge> logger)
    : PeriodicJob(logger)
{
    protected override TimeSpan Interval => options.Value.IdempotencyKeyPurgeInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var purged = await PurgeAsync(ct);
        if (purged > 0) LogPurged(logger, purged);
    }

    /// <returns>How many keys were forgotten.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubmissionDbContext>();
        var before = clock.GetUtcNow() - options.Value.IdempotencyKeyRetention;
        // One statement: a national week creates a few thousand keys a day, and the purge runs hourly.
        return await db.IdempotencyKeys.Where(k => k.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} idempotency keys past their retention")]
    private static partial void LogPurged(ILogger logger, int count);
}
