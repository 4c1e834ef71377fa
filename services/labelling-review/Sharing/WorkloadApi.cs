using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.LabellingReview.Reviewers;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Sharing;

/// <summary>
/// Sharing the work: who holds how much in the reviewer's scope (<c>GET /api/review/workload</c>), and covering an absent
/// member in one action (<c>POST /api/review/reviewers/{subject}/cover</c>): their claims in the caller's scope released, or
/// handed over to the caller — by any member of the committee or an admin; every case's move in its audit trail.
/// </summary>
public static class WorkloadApi
{
    public static IEndpointRouteBuilder MapWorkloadApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Workload").RemembersActors().WithPlatformAnswers();
        group.MapGet("/workload", Load);
        group.MapPost("/reviewers/{subject}/cover", Cover).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<CommitteeWorkload>, ProblemHttpResult>> Load(ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        if (KnownEdition.Refused(edition) is { } refused) return refused;
        var now = clock.GetUtcNow();
        var pending = db.Cases.AsNoTracking().InScope(user).OfEdition(await KnownEdition.ChosenAsync(db, edition, now, ct)).Where(c => c.Status == CaseStatus.Pending);
        var held = await pending.Where(c => c.ClaimedBy != null && c.ClaimExpiresAt > now)
            .GroupBy(c => c.ClaimedBy!)
            .Select(g => new { Reviewer = g.Key, Held = g.Count(), Overdue = g.Count(c => c.DueAt < now), NextDueAt = g.Min(c => c.DueAt) })
            .ToListAsync(ct);
        var names = await ReviewerNames.OfAsync(db, held.Select(h => h.Reviewer), ct);
        var free = pending.Where(c => c.ClaimedBy == null || c.ClaimExpiresAt <= now);
        return TypedResults.Ok(new CommitteeWorkload(
            [.. held.OrderByDescending(h => h.Held).ThenBy(h => h.Reviewer, StringComparer.Ordinal)
                .Select(h => new ReviewerLoad(h.Reviewer, names.GetValueOrDefault(h.Reviewer), h.Held, h.Overdue, h.NextDueAt))],
            await free.CountAsync(ct), await free.CountAsync(c => c.DueAt < now, ct)));
    }

    private static async Task<Results<Ok<CoverResult>, ProblemHttpResult>> Cover(string subject, CoverRequest request, ClaimsPrincipal user, ReviewDbContext db,
        DomainClock clock, IOptions<ReviewOptions> options, CancellationToken ct)
    {
        var me = user.SubjectId();
        if (subject == me) return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Not absent", "subject", "Release your own cases from each case, or keep them.");
        string? to = request.To switch
        {
            null or "" => null,
            "me" => me,
            _ => "?",
        };
        if (to == "?") return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Cannot hand over", "to", "null (release the claims) or \"me\" (take them over).");
        var now = clock.GetUtcNow();
        var held = await db.Cases.InScope(user).Where(c => c.Status == CaseStatus.Pending && c.ClaimedBy == subject && c.ClaimExpiresAt > now).ToListAsync(ct);
        var moved = 0;
        foreach (var reviewCase in held)
        {
            if (reviewCase.CoverAbsence(subject, me, to, now, options.Value.ClaimLease) is not { } change) continue;
            db.Record(reviewCase, me, change, now);
            moved++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Cases changed meanwhile", "One of the cases changed while they were moved (a decision, a release): nothing was moved; try again.");
        }
        return TypedResults.Ok(new CoverResult(subject, moved, to));
    }
}
