using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Claims;

/// <summary>Configuration section "Review".</summary>
public sealed class ReviewOptions
{
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(30);
    public int MaxBulkDecisions { get; set; } = 100;
}

public static class ClaimsApi
{
    public static RouteGroupBuilder MapClaimsApi(this RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:guid}/claim", Claim);
        cases.MapPost("/{id:guid}/release", Release);
        return cases;
    }

    /// <summary>
    /// Claims a pending case exclusively for the lease (30 minutes), or renews one's own claim. The claim
    /// is one conditional UPDATE: of reviewers claiming at once, exactly one wins; the others get 409.
    /// </summary>
    private static async Task<IResult> Claim(Guid id, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, IOptions<ReviewOptions> options, CancellationToken ct)
    {
        var me = user.SubjectId();
        var now = clock.GetUtcNow();
        var until = now + options.Value.ClaimLease;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var renewed = await db.Cases.InScope(user)
            .Where(c => c.Id == id && c.Status == CaseStatus.Pending && c.ClaimedBy == me && c.ClaimExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimExpiresAt, until), ct);
        var claimed = renewed == 1 ? 0 : await db.Cases.InScope(user)
            .Where(c => c.Id == id && c.Status == CaseStatus.Pending && (c.ClaimedBy == null || c.ClaimExpiresAt <= now || c.ClaimedBy == me))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, me).SetProperty(c => c.ClaimExpiresAt, until), ct);

        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        if (renewed + claimed == 0)
        {
            return reviewCase.Status != CaseStatus.Pending
                ? ReviewAccess.Conflict("Not claimable", $"This case is {reviewCase.Status}.")
                : ReviewAccess.Conflict("Claimed by someone else", $"{reviewCase.ClaimedBy} holds this case until {reviewCase.ClaimExpiresAt:u}.",
                    new Dictionary<string, object?> { ["claimedBy"] = reviewCase.ClaimedBy, ["claimExpiresAt"] = reviewCase.ClaimExpiresAt });
        }
        db.Record(reviewCase, me, renewed == 1 ? "claim-renewed" : "claimed", now, $"Until {until:u}.");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ClaimView(me, until));
    }

    private static async Task<IResult> Release(Guid id, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = user.SubjectId();
        var now = clock.GetUtcNow();
        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        if (!reviewCase.IsClaimed(now)) return TypedResults.NoContent();
        if (reviewCase.ClaimedBy != me && !user.IsInRole(PlatformClaims.AdminRole))
        {
            return ReviewAccess.Conflict("Claimed by someone else", $"Only {reviewCase.ClaimedBy} (or an admin) can release this claim.");
        }
        var holder = reviewCase.ClaimedBy;
        reviewCase.Release();
        db.Record(reviewCase, me, "released", now, holder == me ? null : $"Claim of {holder} released.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReviewAccess.Conflict("Case changed meanwhile", "Reload the case and retry.");
        }
        return TypedResults.NoContent();
    }
}
