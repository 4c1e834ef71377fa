using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.LabellingReview.Sharing;

/// <summary>
/// Nothing overdue unseen: the pending cases of the caller's scope past their deadline by at least two working days of their
/// département (<see cref="RegionalDays"/>: for the région's administrators), flagged "national" from five
/// (<see cref="NationalDays"/>: for the national team), the latest first. Computed on the domain clock, like the deadline.
/// </summary>
public static class EscalationsApi
{
    public const int RegionalDays = 2, NationalDays = 5;
    public const string Regional = "region", National = "national";

    public static IEndpointRouteBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review/escalations", List).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Workload").WithPlatformAnswers();
        return app;
    }

    /// <summary>Working days of <paramref name="departement"/> from the day after the deadline's day up to today (0: not late, or late since today only).</summary>
    public static int WorkingDaysLate(DateTimeOffset dueAt, string departement, DateTimeOffset now)
    {
        var lastDay = ParisTime.Day(dueAt).AddDays(-1); // the deadline is the end of that working day (Paris midnight after it)
        var today = ParisTime.Day(now);
        var late = 0;
        for (var day = lastDay.AddDays(1); day < today; day = day.AddDays(1))
            if (FrenchPublicHolidays.IsWorkingDay(day, departement)) late++;
        return late;
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
            .Select(c => (Case: c, Late: WorkingDaysLate(c.DueAt, c.Departement, now)))
            .Where(x => x.Late >= RegionalDays)
            .OrderByDescending(x => x.Late).ThenBy(x => x.Case.DueAt)
            .Select(x => new EscalatedCase(x.Case.Id, x.Case.Title, x.Case.Region, x.Case.Departement, x.Case.DueAt, x.Late,
                x.Late >= NationalDays ? National : Regional, x.Case.ClaimedBy))
            .ToList());
    }
}
