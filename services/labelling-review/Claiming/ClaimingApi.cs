using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Domain;

namespace SemaineIndustrie.LabellingReview.Claiming;

public static class ClaimingApi
{
    public static RouteGroupBuilder MapClaimingApi(this RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:guid}/claim", Claim).Refuses(StatusCodes.Status409Conflict);
        cases.MapPost("/{id:guid}/release", Release).Refuses(StatusCodes.Status409Conflict);
        return cases;
    }

    /// <summary>
    /// Claims a pending case exclusively for the lease (30 minutes), or renews one's own claim. Of reviewers
    /// claiming at once exactly one wins: the case's row version makes the others' saves fail (409).
    /// </summary>
    private static async Task<Results<Ok<ClaimView>, NotFound, ProblemHttpResult>> Claim(Guid id, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, IOptions<ReviewOptions> options, CancellationToken ct)
    {
        var me = user.SubjectId();
        var now = clock.GetUtcNow();
        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        try
        {
            db.Record(reviewCase, me, reviewCase.Claim(me, now, options.Value.ClaimLease), now);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.FindInScopeAsync(id, user, ct);
            if (current is null) return TypedResults.NotFound();
            return Problems.Conflict("Claimed by someone else", $"{current.ClaimedBy ?? "Another change"} reached this case first; reload it.",
                    new Dictionary<string, object?> { ["claimedBy"] = current.ClaimedBy, ["claimExpiresAt"] = current.ClaimExpiresAt });
        }
        return TypedResults.Ok(new ClaimView(me, reviewCase.ClaimExpiresAt!.Value));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Release(Guid id, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var me = user.SubjectId();
        var now = clock.GetUtcNow();
        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        try
        {
            db.Record(reviewCase, me, reviewCase.Release(me, mayReleaseOthers: user.IsInRole(PlatformClaims.AdminRole), now), now);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Case changed meanwhile", "Reload the case and retry.");
        }
        return TypedResults.NoContent();
    }
}
