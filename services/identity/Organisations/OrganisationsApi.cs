using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Organisations;

/// <summary>
/// An organiser creates their organisation, invites colleagues and manages its API clients. The new
/// <c>org</c> claim reaches the APIs with the next token (sign in again, or refresh).
/// </summary>
public static class OrganisationsApi
{
    public sealed record OrganisationRequest(string? Name, OrganisationKind? Kind, string? Siret);
    /// <param name="SiretVerified">The SIRET was vouched for by the external provider (ProConnect); otherwise it is what the organisation typed.</param>
    public sealed record OrganisationView(Guid Id, string Org, string Name, OrganisationKind Kind, string? Siret, bool SiretVerified, bool IsManager);
    public sealed record ColleagueRequest(string? Email);
    public sealed record ClientRequest(string? Name);

    public static WebApplication MapOrganisationsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/identity/organisations").RequireAuthorization(OpenIdConnectServer.AccountPolicy).WithTags("Organisations").WithPlatformAnswers().Refuses(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/mine", Mine);
        group.MapPost("/mine/invitations", InviteColleague).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        group.MapGet("/mine/clients", Clients);
        group.MapPost("/mine/clients", CreateClient).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/mine/clients/{clientId}", RevokeClient);
        return app;
    }

    private static async Task<Results<Created<OrganisationView>, ProblemHttpResult>> Create(OrganisationRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || TextRules.Check(name, multiLine: false) is not null) errors["name"] = ["1 to 200 characters on one line."];
        if (request.Kind is null) errors["kind"] = ["One of: " + string.Join(", ", Enum.GetNames<OrganisationKind>()) + "."];
        var siret = request.Siret is { } s ? Territory.Siret.Normalise(s) : null;
        if (!string.IsNullOrEmpty(siret) && !Territory.Siret.IsValid(siret)) errors["siret"] = ["14 digits with a valid check digit."];
        if (errors.Count > 0) return Problems.Unprocessable("Invalid organisation", errors);

        var user = caller.SubjectId();
        var standing = await Standing.OfAsync(db, user, ct);
        if (standing.Role != PlatformClaims.OrganiserRole) return Problems.Conflict("Not an organiser", "Reviewers and admins do not create organisations.");
        if (standing.Organisation is not null) return Problems.Conflict("Already a member", "This account already belongs to an organisation.");
        // A typed SIRET is unverified: it attaches nobody, and typing a company's SIRET does not keep that company out.

        var now = clock.GetUtcNow();
        var organisation = db.Found(name!, request.Kind!.Value, string.IsNullOrEmpty(siret) ? null : siret, user, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/identity/organisations/mine", View(organisation, isManager: true));
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Mine(ClaimsPrincipal caller, PlatformIdentityDbContext db, CancellationToken ct)
    {
        var found = await Membership(db, caller.SubjectId(), ct);
        if (found is not { } m) return NoOrganisation();
        return TypedResults.Ok(View(m.Organisation, m.Member.IsManager));
    }

    /// <summary>At most <c>Identity:ColleagueInvitationsPerDay</c> per organisation in 24 hours: each is a mail to any address.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> InviteColleague(ColleagueRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db, Invitations invitations,
        TimeProvider clock, IOptions<PlatformIdentityOptions> options, CancellationToken ct)
    {
        var errors = CommitteesApi.CheckEmail(request.Email);
        if (errors.Count > 0) return Problems.Unprocessable("Invalid invitation", errors);
        if (await Membership(db, caller.SubjectId(), ct) is not { } m) return NoOrganisation();
        var since = clock.GetUtcNow().AddDays(-1);
        if (await db.Invitations.CountAsync(i => i.OrganisationId == m.Organisation.Id && i.Purpose == InvitationPurpose.Colleague && i.CreatedAt > since, ct)
            >= options.Value.ColleagueInvitationsPerDay)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Daily invitation limit reached",
                detail: $"An organisation sends at most {options.Value.ColleagueInvitationsPerDay} invitations in 24 hours.");
        }
        await invitations.SendAsync(caller.SubjectId(), request.Email!, InvitationPurpose.Colleague, m.Organisation.Id, null, [], m.Organisation.Name, ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<List<IntegrationClients.Listed>>, ProblemHttpResult>> Clients(ClaimsPrincipal caller, PlatformIdentityDbContext db, IntegrationClients clients, CancellationToken ct)
    {
        if (await Membership(db, caller.SubjectId(), ct) is not { } m) return NoOrganisation();
        return TypedResults.Ok(await clients.ListAsync(m.Organisation.ClaimValue, ct));
    }

    /// <summary>The secret is in this answer and nowhere else, ever.</summary>
    private static async Task<Results<Created<IntegrationClients.Created>, ProblemHttpResult>> CreateClient(ClientRequest request, ClaimsPrincipal caller, PlatformIdentityDbContext db,
        IntegrationClients clients, AccountSecurity security, TimeProvider clock, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || TextRules.Check(name, multiLine: false) is not null)
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Invalid client", "name", "1 to 100 characters on one line.");
        var user = caller.SubjectId();
        if (await Membership(db, user, ct) is not { } m) return NoOrganisation();
        if (!m.Member.IsManager) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Managers only",
            detail: "Only the organisation's managers create API clients.");
        var now = clock.GetUtcNow();
        var created = await clients.CreateAsync(m.Organisation.ClaimValue, name, user, now, ct);
        db.Record(now, user, "organisation.client.created", organisation: m.Organisation.Id, details: new { created.ClientId, created.DisplayName });
        await db.SaveChangesAsync(ct);
        await security.TellApiClientCreatedAsync(m.Organisation.Id, created.DisplayName, ct);
        return TypedResults.Created($"/api/identity/organisations/mine/clients/{created.ClientId}", created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeClient(string clientId, ClaimsPrincipal caller, PlatformIdentityDbContext db,
        IntegrationClients clients, TimeProvider clock, CancellationToken ct)
    {
        var user = caller.SubjectId();
        if (await Membership(db, user, ct) is not { } m) return NoOrganisation();
        if (!m.Member.IsManager) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Managers only");
        if (!await clients.RevokeAsync(m.Organisation.ClaimValue, clientId, ct)) return Problems.NotFound("No such client", "Your organisation has no client with this id.");
        db.Record(clock.GetUtcNow(), user, "organisation.client.revoked", organisation: m.Organisation.Id, details: new { clientId });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(Organisation Organisation, OrganisationMember Member)?> Membership(PlatformIdentityDbContext db, string user, CancellationToken ct)
    {
        var found = await (from member in db.Members.AsNoTracking()
                           join organisation in db.Organisations.AsNoTracking() on member.OrganisationId equals organisation.Id
                           where member.UserId == user
                           select new { organisation, member }).SingleOrDefaultAsync(ct);
        return found is null ? null : (found.organisation, found.member);
    }

    private static OrganisationView View(Organisation o, bool isManager) => new(o.Id, o.ClaimValue, o.Name, o.Kind, o.Siret, o.SiretVerifiedAt is not null, isManager);

    private static ProblemHttpResult NoOrganisation() => Problems.NotFound("No organisation", "This account belongs to no organisation yet: create one or accept an invitation.");
}
