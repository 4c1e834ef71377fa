using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Messaging.People;

/// <summary>
/// Until the identity service has once announced everybody to this service's copy, asks it to (<see cref="PeopleResyncRequested"/>,
/// through the outbox) — at start, then every 5 seconds until the answer to this service's own request arrives
/// (<see cref="PeopleResyncStartedConsumerBase"/> records it in <c>people_resync</c>; a request sent before identity's own
/// queue exists goes nowhere: identity may be starting too). People announced before this service's queue existed (its
/// first start, before or alongside identity's) would otherwise never be known.
/// A restored database that lost people is resynchronised by emptying <c>people_resync</c> (docs/notifications.md).
/// </summary>
public sealed class PeopleResync<TDb>(IServiceScopeFactory scopes, string requestedBy, TimeProvider clock, ILogger<PeopleResync<TDb>> logger) : BackgroundService
    where TDb : DbContext
{
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
                var db = scope.ServiceProvider.GetRequiredService<TDb>();
                if (await db.Set<PeopleResyncAnswer>().AnyAsync(stoppingToken)) return;
                if (clock.GetUtcNow() - askedAt >= AskAgainAfter)
                {
                    db.AddToOutbox(new PeopleResyncRequested(Guid.NewGuid(), requestedBy, DateTimeOffset.UtcNow)); // real time, compared with identity's records
                    await db.SaveChangesAsync(stoppingToken);
                    var first = askedAt == DateTimeOffset.MinValue;
                    askedAt = clock.GetUtcNow();
                    // Once at Information; asking again while identity starts is expected, not news.
                    logger.Log(first ? LogLevel.Information : LogLevel.Debug, "Asked the identity service to announce everybody to {Service}", requestedBy);
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

public static class PeopleResyncRegistration
{
    /// <summary>Asks identity to announce everybody until it answered this service (<paramref name="serviceName"/>, the bus's prefix).</summary>
    public static IServiceCollection AddPeopleResync<TDb>(this IServiceCollection services, string serviceName) where TDb : DbContext =>
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<PeopleResync<TDb>>(sp, serviceName));
}
