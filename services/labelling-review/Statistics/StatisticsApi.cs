using SemaineIndustrie.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.LabellingReview.Queues;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Statistics;

/// <summary>
/// How the week is coming together, in the caller's scope (the national admin sees France, a regional
/// reviewer their région): per région, per committee queue (région, département), per sector.
/// </summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review/statistics", Statistics).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review statistics").WithPlatformAnswers();
        app.MapGet("/api/review/statistics/year-over-year", YearOverYearApi.Compare).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review statistics").WithPlatformAnswers();
        return app;
    }

    /// <summary>One edition's figures: the one named, else the current one.</summary>
    private static async Task<Results<Ok<ReviewStatistics>, ProblemHttpResult>> Statistics(ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        if (KnownEdition.Refused(edition) is { } refused) return refused;
        var now = clock.GetUtcNow();
        var year = await KnownEdition.ChosenAsync(db, edition, now, ct);
        var cases = db.Cases.AsNoTracking().InScope(user).OfEdition(year);
        var queues = await QueuesApi.QueuesAsync(cases, now, ct);
        var outcomes = await cases.GroupBy(c => c.Region).Select(g => new
        {
            Region = g.Key,
            Labelled = g.Count(c => c.Status == CaseStatus.Labelled),
            Refused = g.Count(c => c.Status == CaseStatus.Refused),
        }).ToDictionaryAsync(r => r.Region, ct);
        var hours = (await QueuesApi.DecisionHoursAsync(cases, ct)).ToLookup(d => d.Region, d => d.Hours);
        var regions = queues.GroupBy(q => q.Region).OrderBy(g => g.Key).Select(g =>
        {
            var sorted = hours[g.Key].Order().ToArray();
            var outcome = outcomes.GetValueOrDefault(g.Key);
            return new RegionStatistics(g.Key, g.Sum(q => q.Received), g.Sum(q => q.Pending), g.Sum(q => q.Claimed), g.Sum(q => q.ChangesRequested),
                outcome?.Labelled ?? 0, outcome?.Refused ?? 0, g.Sum(q => q.Withdrawn), g.Sum(q => q.Overdue),
                QueuesApi.Percentile(sorted, 0.5), QueuesApi.Percentile(sorted, 0.9));
        }).ToList();

        // Sectors are an array per case: read (sectors, status) and count here — a week is a few thousand cases.
        var sectors = (await cases.Select(c => new { c.Sectors, c.Status }).ToListAsync(ct))
            .SelectMany(c => c.Sectors.Select(s => (Sector: s, c.Status)))
            .GroupBy(s => s.Sector).OrderBy(g => g.Key)
            .Select(g => new SectorStatistics(g.Key, g.Count(), g.Count(s => s.Status == CaseStatus.Labelled))).ToList();
        return TypedResults.Ok(new ReviewStatistics(now, regions, queues, sectors, year));
    }
}
