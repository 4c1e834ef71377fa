using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// What a person is on the platform, read from the database each time a token is issued or refreshed
/// (so a revoked seat stops at the next refresh). One role per person, by precedence: a national admin
/// is <c>admin</c>; a regional admin acts as a reviewer of their whole région; a committee member is a
/// <c>reviewer</c> of their région or départements; everyone else is an <c>organiser</c>, with the
/// <c>org</c> claim once they belong to an organisation.
/// </summary>
public sealed record Standing(string Role, string? Organisation, string? Region, IReadOnlyList<string> Departements, AdminGrant? Admin, bool IsManager)
{
    public static async Task<Standing> OfAsync(PlatformIdentityDbContext db, string userId, CancellationToken ct = default)
    {
        var admin = await db.Admins.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId, ct);
        if (admin is { IsNational: true }) return new(PlatformClaims.AdminRole, null, null, [], admin, false);
        if (admin is { Region: { } adminRegion }) return new(PlatformClaims.ReviewerRole, null, adminRegion, [], admin, false);

        var seat = await db.Seats.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, ct);
        if (seat is not null) return new(PlatformClaims.ReviewerRole, null, seat.Region, seat.Departements, null, false);

        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, ct);
        return new(PlatformClaims.OrganiserRole, member?.OrganisationId.ToString("N"), null, [], null, member?.IsManager ?? false);
    }

    /// <summary>May this person appoint and remove reviewers of <paramref name="region"/>?</summary>
    public bool AdministersRegion(string region) => Admin is { } a && (a.IsNational || a.Region == region);
}
