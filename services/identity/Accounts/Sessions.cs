using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Auditing;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// Ending a person's sessions everywhere: a new security stamp (the stamp each token carries no longer matches,
/// so no code or refresh token issued before is redeemed, and the identity service's own cookie is refused at
/// its next check), and every refresh token and authorization of theirs revoked. After a password reset, or
/// when the person asks for it.
/// </summary>
public sealed class Sessions(UserManager<PlatformUser> users, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
    PlatformIdentityDbContext db, TimeProvider clock)
{
    public async Task EndEverywhereAsync(PlatformUser user, string actor, string reason, CancellationToken ct)
    {
        await users.UpdateSecurityStampAsync(user);
        var revokedTokens = await tokens.RevokeBySubjectAsync(user.Id, ct);
        var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(user.Id, ct);
        db.Record(clock.GetUtcNow(), actor, "account.sessions.ended", targetUser: user.Id, details: new { reason, revokedTokens, revokedAuthorizations });
        await db.SaveChangesAsync(ct);
    }
}
