using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// Hourly: OpenIddict's expired or revoked tokens and authorizations older than a day, verification links
/// 7 days after they expired, invitations 90 days after they expired or were accepted. Every replica may
/// run it: the deletes are idempotent.
/// </summary>
public sealed class IdentityHousekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdentityHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Identity housekeeping failed; retried in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(now.AddDays(-1), ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(now.AddDays(-1), ct);
        var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
        var links = await db.EmailVerifications.Where(v => v.ExpiresAt < now.AddDays(-7)).ExecuteDeleteAsync(ct);
        var invitations = await db.Invitations.Where(i => i.ExpiresAt < now.AddDays(-90)).ExecuteDeleteAsync(ct);
        if (tokens + authorizations + links + invitations > 0)
            logger.LogInformation("Identity housekeeping: {Tokens} tokens, {Authorizations} authorizations, {Links} verification links, {Invitations} invitations removed",
                tokens, authorizations, links, invitations);
    }
}
