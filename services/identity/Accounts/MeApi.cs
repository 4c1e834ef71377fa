using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>A person's own account: who they are on the platform, their data (RGPD access and portability), and erasure.</summary>
public static class MeApi
{
    public sealed record MeView(string Id, string? Email, string DisplayName, string PreferredLanguage, string Role,
        string? Organisation, string? Region, IReadOnlyList<string> Departements, string? AdministersRegion, bool NationalAdmin);

    public static WebApplication MapMeApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/identity/me").RequireAuthorization(OpenIdConnectServer.AccountPolicy).WithTags("My account").WithPlatformAnswers().Refuses(StatusCodes.Status404NotFound);
        group.MapGet("/", Me);
        group.MapGet("/export", Export);
        group.MapDelete("/", Delete).Refuses(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(ClaimsPrincipal caller, UserManager<PlatformUser> users, PlatformIdentityDbContext db, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(caller.SubjectId());
        if (user is null) return Problems.NotFound("No account", "This account no longer exists.");
        var s = await Standing.OfAsync(db, user.Id, ct);
        return TypedResults.Ok(new MeView(user.Id, user.Email, user.DisplayName, user.PreferredLanguage, s.Role, s.Organisation, s.Region,
            s.Departements, s.Admin?.Region, s.Admin is { IsNational: true }));
    }

    /// <summary>Everything this service keeps about the caller, as JSON (the audit entries naming them included).</summary>
    private static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> Export(ClaimsPrincipal caller, UserManager<PlatformUser> users, PlatformIdentityDbContext db, CancellationToken ct)
    {
        var id = caller.SubjectId();
        var user = await users.FindByIdAsync(id);
        if (user is null) return Problems.NotFound("No account", "This account no longer exists.");
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == id, ct);
        var organisation = member is null ? null : await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == member.OrganisationId, ct);
        var export = new AccountExport(
            new ExportedAccount(user.Id, user.Email, user.EmailConfirmed, user.DisplayName, user.PreferredLanguage, user.CreatedAt, user.ExternalSubject,
                user.LockoutEnd, user.AccessFailedCount),
            organisation is null ? null : new ExportedOrganisation(organisation.Id, organisation.Name, organisation.Kind, organisation.Siret,
                organisation.SiretVerifiedAt != null, member!.IsManager, member.Since),
            await db.Seats.AsNoTracking().Where(s => s.UserId == id).Select(s => new ExportedSeat(s.Region, s.Departements, s.Since, s.AppointedBy)).SingleOrDefaultAsync(ct),
            await db.Admins.AsNoTracking().Where(a => a.UserId == id).Select(a => new ExportedAdminGrant(a.Region, a.Since, a.GrantedBy)).SingleOrDefaultAsync(ct),
            await db.Invitations.AsNoTracking().Where(i => i.Email == user.Email || i.AcceptedBy == id)
                .Select(i => new ExportedInvitation(i.Purpose, i.Region, i.OrganisationId, i.CreatedAt, i.ExpiresAt, i.AcceptedAt)).ToListAsync(ct),
            await db.Audit.AsNoTracking().Where(a => a.Actor == id || a.TargetUser == id).OrderBy(a => a.Id)
                .Select(a => new ExportedAuditEntry(a.At, a.Action, a.Actor, a.TargetUser, a.Region, a.OrganisationId)).ToListAsync(ct));
        return TypedResults.Ok(export);
    }

    /// <summary>
    /// Erases the account: the person, their membership, seat, grant, verification links and OpenID Connect
    /// authorizations and tokens. Audit entries keep the opaque account id (who appointed whom stays
    /// accountable) but no e-mail or name. An organisation's last manager must hand over first.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(ClaimsPrincipal caller, UserManager<PlatformUser> users, PlatformIdentityDbContext db,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, TimeProvider clock, CancellationToken ct)
    {
        var id = caller.SubjectId();
        var user = await users.FindByIdAsync(id);
        if (user is null) return Problems.NotFound("No account", "This account no longer exists.");
        var member = await db.Members.SingleOrDefaultAsync(m => m.UserId == id, ct);
        if (member is { IsManager: true } && !await db.Members.AnyAsync(m => m.OrganisationId == member.OrganisationId && m.UserId != id && m.IsManager, ct)
            && await db.Members.AnyAsync(m => m.OrganisationId == member.OrganisationId && m.UserId != id, ct))
            return Problems.Conflict("Last manager", "Make a colleague manager of the organisation before deleting your account.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await foreach (var token in tokens.FindBySubjectAsync(id, ct)) await tokens.DeleteAsync(token, ct);
        await foreach (var authorization in authorizations.FindBySubjectAsync(id, ct)) await authorizations.DeleteAsync(authorization, ct);
        await db.Invitations.Where(i => i.Email == user.Email && i.AcceptedAt == null).ExecuteDeleteAsync(ct);
        db.Record(clock.GetUtcNow(), id, "account.deleted", targetUser: id, organisation: member?.OrganisationId);
        await db.SaveChangesAsync(ct);
        var deleted = await users.DeleteAsync(user); // cascades: membership, seat, grant, verification links
        if (!deleted.Succeeded) throw new InvalidOperationException(string.Join("; ", deleted.Errors.Select(e => e.Description)));
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
