using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Submission.Pictures;

/// <summary>Configuration section "Pictures".</summary>
public sealed class PictureOptions
{
    /// <summary>How long an upload no demand or draft names is kept (a form left half-way, a picture replaced): 30 days.</summary>
    public TimeSpan UnusedRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Deletes the pictures that no version of any demand and no draft names, once past their retention. A picture a version
/// names is kept with the version (the demand's history and its audit keep their picture).
/// </summary>
public sealed partial class PicturePurge(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PictureOptions> options, ILogger<PicturePurge> logger)
    : PeriodicJob(logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var purged = await PurgeAsync(ct);
        if (purged > 0) LogPurged(logger, purged);
    }

    /// <returns>How many pictures were deleted (their files with them: the foreign key cascades).</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubmissionDbContext>();
        var before = clock.GetUtcNow() - options.Value.UnusedRetention;
        // The versions' content is a ValidSubmission ({ event: { picture: { id } } }), a draft's a SubmissionRequest ({ picture: { id } }).
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM pictures p
            WHERE p.uploaded_at < {before}
              AND NOT EXISTS (SELECT 1 FROM submission_versions v WHERE v.content -> 'event' -> 'picture' ->> 'id' = p.id::text)
              AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.content -> 'picture' ->> 'id' = p.id::text)
            """, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} pictures no demand or draft names")]
    private static partial void LogPurged(ILogger logger, int count);
}
