using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>What docs/privacy.md promises about invitations is what the housekeeping does.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityHousekeepingTests(Platform platform)
{
    private Task<T> Identity<T, TService>(Func<TService, Task<T>> work) where TService : notnull =>
        platform.QueryAsync<ServiceMarker, TService, T>(work);

    [Fact]
    public async Task Invitations_go_90_days_after_they_expired_and_not_before()
    {
        var now = DateTimeOffset.UtcNow;
        Invitation Expired(int daysAgo) => new()
        {
            Id = Guid.NewGuid(), Email = $"old-{Guid.NewGuid():N}@direccte.test", Purpose = InvitationPurpose.Reviewer, Region = "76",
            TokenHash = Guid.NewGuid().ToString("N"), InvitedBy = "test", CreatedAt = now.AddDays(-daysAgo - 7), ExpiresAt = now.AddDays(-daysAgo),
        };
        var (old, recent) = (Expired(100), Expired(10));
        await Identity<int, PlatformIdentityDbContext>(db => { db.Invitations.AddRange(old, recent); return db.SaveChangesAsync(); });

        await Identity<bool, IdentityHousekeeping>(async h => { await h.PurgeAsync(CancellationToken.None); return true; });

        var left = await Identity<List<Guid>, PlatformIdentityDbContext>(db => db.Invitations.Where(i => i.Id == old.Id || i.Id == recent.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal([recent.Id], left);
    }
}
