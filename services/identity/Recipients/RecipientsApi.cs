using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Recipients;

/// <summary>A person the platform may write to: their address, name and language (never more).</summary>
public sealed record RecipientView(string UserId, string Email, string DisplayName, string Language);

/// <summary>
/// Who to tell, for the platform's notification service only (client credentials with the
/// <c>recipients</c> scope — no person's token carries it): an organisation's members, a région's committee
/// (with each member's départements). Only confirmed addresses; nothing else about the people.
/// </summary>
public static class RecipientsApi
{
    public sealed record CommitteeRecipientView(string UserId, string Email, string DisplayName, string Language, IReadOnlyList<string> Departements);

    public static IEndpointRouteBuilder MapRecipientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/identity/recipients").RequireAuthorization(OpenIdConnectServer.AccountPolicy)
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.User.HasScope(PlatformScopes.Recipients) ? await next(context)
                    : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Platform services only", detail: "This API needs the 'recipients' scope."))
            .WithTags("Recipients").WithPlatformAnswers();
        group.MapGet("/organisations/{organisationId}", Organisation);
        group.MapGet("/committees/{region}", Committee);
        return app;
    }

    private static async Task<Results<Ok<List<RecipientView>>, ProblemHttpResult>> Organisation(string organisationId, PlatformIdentityDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParseExact(organisationId, "N", out var id) && !Guid.TryParse(organisationId, out id))
            return Problems.BadQuery("organisationId", "An organisation id.");
        var people = await (from member in db.Members.AsNoTracking()
                            join user in db.Users.AsNoTracking() on member.UserId equals user.Id
                            where member.OrganisationId == id && user.EmailConfirmed && user.Email != null
                            orderby user.Id
                            select new RecipientView(user.Id, user.Email!, user.DisplayName, user.PreferredLanguage)).ToListAsync(ct);
        return TypedResults.Ok(people);
    }

    private static async Task<Ok<List<CommitteeRecipientView>>> Committee(string region, PlatformIdentityDbContext db, CancellationToken ct)
    {
        var people = await (from seat in db.Seats.AsNoTracking()
                            join user in db.Users.AsNoTracking() on seat.UserId equals user.Id
                            where seat.Region == region && user.EmailConfirmed && user.Email != null
                            orderby user.Id
                            select new CommitteeRecipientView(user.Id, user.Email!, user.DisplayName, user.PreferredLanguage, seat.Departements)).ToListAsync(ct);
        return TypedResults.Ok(people);
    }
}
