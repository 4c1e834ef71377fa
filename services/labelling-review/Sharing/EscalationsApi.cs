using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Deadlines;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Sharing;

/// <summary>
/// Nothing overdue unseen: the pending cases of the caller's scope past their deadline by at least two working days of their
/// département (<see cref="ReviewDeadline.RegionalEscalationDays"/>: for the région's administrators), flagged "national" from five
/// (<see cref="ReviewDeadline.NationalEscalationDays"/>: for the national team), the latest first. Computed on the domain clock, like the deadline.
/// </summary>
public static class EscalationsApi
{

    public static IEndpointRouteBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review/escalations", List).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Workload").WithPlatformAnswers();
        return app;
    }

    private static async Task<Results<Ok<List<EscalatedCase>>, ProblemHttpResult>> List(ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        if (KnownEdition.Refused(edition) is { } refused) return refused;
        var now = clock.GetUtcNow();
        var overdue = await db.Cases.AsNoTracking().InScope(user).OfEdition(await KnownEdition.ChosenAsync(db, edition, now, ct))
            .Where(c => c.Status == CaseStatus.Pending && c.DueAt < now)
            .Select(c => new { c.Id, c.Title, c.Region, c.Departement, c.DueAt, ClaimedBy = c.ClaimExpiresAt > now ? c.ClaimedBy : null })
            .ToListAsync(ct);
        return TypedResults.Ok(overdue
            .Select(c => (Case: c, Late: ReviewDeadline.WorkingDaysLate(c.DueAt, c.Departement, now)))
            .Select(x => (x.Case, x.Late, Level: ReviewDeadline.EscalationLevels(x.Late).LastOrDefault()))
            .Where(x => x.Level is not null)
            .OrderByDescending(x => x.Late).ThenBy(x => x.Case.DueAt)
            .Select(x => new EscalatedCase(x.Case.Id, x.Case.Title, x.Case.Region, x.Case.Departement, x.Case.DueAt, x.Late,
                x.Level!, x.Case.ClaimedBy))
            .ToList());
    }
}
