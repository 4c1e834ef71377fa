using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Identity.Committees;

/// <summary>
/// Who sits on which committee, decided by admins: a national admin (DGE) anywhere, a regional admin only
/// in their own région. Every change is audited. Permissions are read from the database at each call,
/// not from the caller's token, so a removed admin cannot act even with a token still valid.
/// </summary>
public static class CommitteesApi
{
    public sealed record AuditView(DateTimeOffset At, string Actor, string Action, string? TargetUser, Guid? OrganisationId, string? Region, System.Text.Json.JsonElement Details);

    public static WebApplication MapCommitteesApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/identity").RequireAuthorization(OpenIdConnectServer.AccountPolicy).WithTags("Committees").WithPlatformAnswers();
        group.MapPost("/committees/invitations", InviteReviewer).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/committees/{region}/members", Members).Refuses(StatusCodes.Status404NotFound);
        group.MapPut("/committees/members/{userId}", MoveSeat).Refuses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/committees/members/{userId}", RemoveSeat).Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/admins/invitations", InviteAdmin).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/audit", Audit);
        return app;
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> InviteReviewer(ReviewerInvitationRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db,
        Invitations invitations, CancellationToken ct)
    {
        var errors = CheckEmail(request.Email);
        var (region, departements) = CheckCommittee(request.Region, request.Departements, errors);
        if (errors.Count > 0) return Problems.Unprocessable("Invalid invitation", errors);
        var actor = caller.SubjectId();
        if (!(await Standing.OfAsync(db, actor, ct)).AdministersRegion(region!)) return OutsideYourRegion(region!);
        if (await invitations.SeatMoveRefusalAsync(actor, request.Email!, region!, ct) is { } refused) return Problems.Conflict("Seat in another région", refused);
        await invitations.SendAsync(actor, request.Email!, InvitationPurpose.Reviewer, null, region, departements, null, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> InviteAdmin(AdminInvitationRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db,
        Invitations invitations, CancellationToken ct)
    {
        var errors = CheckEmail(request.Email);
        string? region = null;
        if (request.Region is not null)
        {
            (region, _) = CheckCommittee(request.Region, [], errors);
        }
        if (errors.Count > 0) return Problems.Unprocessable("Invalid invitation", errors);
        var actor = caller.SubjectId();
        if ((await Standing.OfAsync(db, actor, ct)).Admin is not { IsNational: true })
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "National administrators only",
                detail: "Only the DGE's administrators appoint administrators.");
        await invitations.SendAsync(actor, request.Email!, InvitationPurpose.Admin, null, region, [], null, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<List<SeatView>>, ProblemHttpResult>> Members(string region, ClaimsPrincipal caller, PlatformIdentityDbContext db, CancellationToken ct)
    {
        if (FrenchTerritory.FindRegion(region) is null) return Problems.NotFound("Unknown région", $"No région has the code '{region}'.");
        if (!(await Standing.OfAsync(db, caller.SubjectId(), ct)).AdministersRegion(region)) return OutsideYourRegion(region);
        var seats = await (from seat in db.Seats.AsNoTracking()
                           join user in db.Users.AsNoTracking() on seat.UserId equals user.Id
                           where seat.Region == region
                           orderby user.DisplayName
                           select new SeatView(user.Id, user.Email, user.DisplayName, seat.Region, seat.Departements, seat.Since, seat.AppointedBy)).ToListAsync(ct);
        return TypedResults.Ok(seats);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MoveSeat(string userId, SeatRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (region, departements) = CheckCommittee(request.Region, request.Departements, errors);
        if (errors.Count > 0) return Problems.Unprocessable("Invalid committee", errors);
        var seat = await db.Seats.SingleOrDefaultAsync(s => s.UserId == userId, ct);
        if (seat is null) return Problems.NotFound("Not a reviewer", "This account sits on no committee.");
        var actor = caller.SubjectId();
        var standing = await Standing.OfAsync(db, actor, ct);
        if (!standing.AdministersRegion(seat.Region)) return OutsideYourRegion(seat.Region);
        if (!standing.AdministersRegion(region!)) return OutsideYourRegion(region!);
        var before = new { seat.Region, seat.Departements };
        seat.Region = region!;
        seat.Departements = [.. departements];
        seat.AppointedBy = actor;
        db.Record(clock.GetUtcNow(), actor, "committee.seat.changed", targetUser: userId, region: region,
            details: new { before, after = new { Region = region, Departements = departements } });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Removes a reviewer: their refresh tokens stop working at once; an access token already issued lives out its minutes.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveSeat(string userId, ClaimsPrincipal caller, PlatformIdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var seat = await db.Seats.SingleOrDefaultAsync(s => s.UserId == userId, ct);
        if (seat is null) return Problems.NotFound("Not a reviewer", "This account sits on no committee.");
        var actor = caller.SubjectId();
        if (!(await Standing.OfAsync(db, actor, ct)).AdministersRegion(seat.Region)) return OutsideYourRegion(seat.Region);
        db.Seats.Remove(seat);
        db.Record(clock.GetUtcNow(), actor, "committee.seat.removed", targetUser: userId, region: seat.Region,
            details: new { seat.Region, seat.Departements });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IEnumerable<AuditView>>, ProblemHttpResult>> Audit(string? region, int? limit, ClaimsPrincipal caller, PlatformIdentityDbContext db, CancellationToken ct)
    {
        var standing = await Standing.OfAsync(db, caller.SubjectId(), ct);
        if (standing.Admin is null) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Administrators only");
        if (standing.Admin.Region is { } own) region = own; // a regional admin reads their own région's trail
        var take = Math.Clamp(limit ?? 100, 1, 500);
        var entries = await db.Audit.AsNoTracking().Where(a => region == null || a.Region == region)
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(a => new AuditView(a.At, a.Actor, a.Action, a.TargetUser, a.OrganisationId, a.Region,
            System.Text.Json.JsonDocument.Parse(a.Details).RootElement.Clone())));
    }

    internal static Dictionary<string, string[]> CheckEmail(string? email)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsValid(email))
            errors["email"] = ["A valid e-mail address."];
        return errors;
    }

    private static (string? Region, List<string> Departements) CheckCommittee(string? region, List<string>? departements, Dictionary<string, string[]> errors)
    {
        if (region is null || FrenchTerritory.FindRegion(region) is null)
        {
            errors["region"] = ["A région's INSEE code (e.g. 76 for Occitanie)."];
            return (null, []);
        }
        var list = (departements ?? []).Distinct().ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (FrenchTerritory.FindDepartement(list[i]) is not { } d || d.RegionCode != region)
                errors[$"departements[{i}]"] = [$"A département of région {region}."];
        }
        return (region, list);
    }

    private static ProblemHttpResult OutsideYourRegion(string region) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Outside your région", detail: $"You do not administer the committees of région {region}.");
}
