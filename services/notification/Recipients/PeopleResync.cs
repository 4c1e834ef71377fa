using MassTransit;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>
/// Until the identity service has once announced everybody to this database, asks it to (<see cref="PeopleResyncRequested"/>,
/// through the outbox) — at start, then every 5 seconds until <see cref="PeopleResyncStarted"/> arrives (a request sent
/// before identity's own queue exists goes nowhere: identity may be starting too). People announced before this service's
/// queue existed (its first start, before or alongside identity's) would otherwise never be known.
/// A restored database that lost people is resynchronised by deleting its <c>scheduled_runs</c> row (docs/notifications.md).
/// </summary>
public sealed class PeopleResync(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PeopleResync> logger) : BackgroundService
{
    public const string Job = "people-resync";
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var askedAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
                if (await db.ScheduledRuns.AnyAsync(r => r.Job == Job, stoppingToken)) return;
                if (clock.GetUtcNow() - askedAt >= AskAgainAfter)
                {
                    db.AddToOutbox(new PeopleResyncRequested(Guid.NewGuid(), "notification", DateTimeOffset.UtcNow)); // real time, compared with identity's records
                    await db.SaveChangesAsync(stoppingToken);
                    var first = askedAt == DateTimeOffset.MinValue;
                    askedAt = clock.GetUtcNow();
                    // Once at Information; asking again while identity starts is expected, not news.
                    logger.Log(first ? LogLevel.Information : LogLevel.Debug, "Asked the identity service to announce everybody to this service");
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "People resync: the database is unavailable; trying again shortly");
            }
            try { await Task.Delay(CheckEvery, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>The identity service took a resync request: nobody needs to ask again.</summary>
public sealed class PeopleResyncStartedConsumer(NotificationDbContext db) : IConsumer<PeopleResyncStarted>
{
    public Task Consume(ConsumeContext<PeopleResyncStarted> context) => db.ConsumeOnceAsync(context, this, ct =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO scheduled_runs (job, period, ran_at) VALUES ({PeopleResync.Job}, {Answered}, now()) ON CONFLICT DO NOTHING", ct));

    /// <summary>The period of the one <c>scheduled_runs</c> row that says identity answered (whichever request it answered).</summary>
    public const string Answered = "answered";
}
