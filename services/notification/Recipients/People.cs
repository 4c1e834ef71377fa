using Microsoft.EntityFrameworkCore;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>A person this service may write to.</summary>
public sealed record Recipient(string UserId, string Email, string DisplayName, string Language);

/// <summary>A committee member: a recipient with the départements they review (none: the whole région).</summary>
public sealed record CommitteeRecipient(Recipient Person, IReadOnlyList<string> Departements);

/// <summary>
/// Who to tell, from this service's own copy of the people the identity service announces (no call to anyone: a
/// notice goes out while identity is down). Only confirmed addresses. The copy is as fresh as the last
/// <see cref="SemaineIndustrie.Contracts.PersonChanged"/>, which identity publishes within a second of the change.
/// </summary>
public sealed class People(NotificationDbContext db)
{
    public async Task<IReadOnlyList<Recipient>> OfOrganisationAsync(string organisationId, CancellationToken ct) =>
        await db.People.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId && p.Email != null)
            .OrderBy(p => p.UserId)
            .Select(p => new Recipient(p.UserId, p.Email!, p.DisplayName, p.Language)).ToListAsync(ct);

    /// <summary>One person, if they may be written to.</summary>
    public async Task<Recipient?> ByIdAsync(string userId, CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.UserId == userId && p.Email != null && !p.Deleted)
            .Select(p => new Recipient(p.UserId, p.Email!, p.DisplayName, p.Language)).SingleOrDefaultAsync(ct);

    /// <summary>The administrators of a région's committees (not the national team).</summary>
    public async Task<IReadOnlyList<Recipient>> AdministratorsOfAsync(string region, CancellationToken ct) =>
        await db.People.AsNoTracking()
            .Where(p => p.AdminRegion == region && p.Email != null && !p.Deleted)
            .OrderBy(p => p.UserId)
            .Select(p => new Recipient(p.UserId, p.Email!, p.DisplayName, p.Language)).ToListAsync(ct);

    public async Task<IReadOnlyList<CommitteeRecipient>> OfCommitteeAsync(string region, CancellationToken ct) =>
        (await db.People.AsNoTracking()
            .Where(p => p.Region == region && p.Email != null)
            .OrderBy(p => p.UserId)
            .Select(p => new { p.UserId, p.Email, p.DisplayName, p.Language, p.Departements }).ToListAsync(ct))
        .Select(p => new CommitteeRecipient(new Recipient(p.UserId, p.Email!, p.DisplayName, p.Language), p.Departements)).ToList();
}
