using SemaineIndustrie.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Queues;

public static class QueuesApi
{
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review/queues", Queues).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review queues").WithPlatformAnswers();
        return app;
    }

    /// <summary>The queues in the reviewer's scope (the same scope rule as every case query) for one edition (the one named, else the current one), counted by the database.</summary>
    private static async Task<Results<Ok<List<QueueView>>, ProblemHttpResult>> Queues(ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        if (KnownEdition.Refused(edition) is { } refused) return refused;
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await QueuesAsync(db.Cases.AsNoTracking().InScope(user).OfEdition(await KnownEdition.ChosenAsync(db, edition, now, ct)), now, ct));
    }

    /// <summary>The queues of these cases, by (région, département), with their decision times.</summary>
    internal static async Task<List<QueueView>> QueuesAsync(IQueryable<ReviewCase> cases, DateTimeOffset now, CancellationToken ct)
    {
        var counts = await cases.GroupBy(c => new { c.Region, c.Departement }).Select(g => new
        {
            g.Key.Region,
            g.Key.Departement,
            Pending = g.Count(c => c.Status == CaseStatus.Pending && !(c.ClaimedBy != null && c.ClaimExpiresAt > now)),
            Claimed = g.Count(c => c.Status == CaseStatus.Pending && c.ClaimedBy != null && c.ClaimExpiresAt > now),
            ChangesRequested = g.Count(c => c.Status == CaseStatus.ChangesRequested),
            Decided = g.Count(c => c.Status == CaseStatus.Labelled || c.Status == CaseStatus.Refused),
            Withdrawn = g.Count(c => c.Status == CaseStatus.Withdrawn),
            Overdue = g.Count(c => c.Status == CaseStatus.Pending && c.DueAt < now),
            Received = g.Count(),
        }).ToListAsync(ct);
        var decisions = (await DecisionHoursAsync(cases, ct)).ToLookup(d => (d.Region, d.Departement), d => d.Hours);

        return counts.OrderBy(q => q.Region).ThenBy(q => q.Departement).Select(q =>
        {
            var hours = decisions[(q.Region, q.Departement)].Order().ToArray();
            return new QueueView(q.Region, q.Departement, q.Pending, q.Claimed, q.ChangesRequested, q.Decided, q.Withdrawn, q.Overdue, q.Received,
                Percentile(hours, 0.5), Percentile(hours, 0.9));
        }).ToList();
    }

    /// <summary>Hours from a version's receipt to its decision, for every decided case.</summary>
    internal static async Task<List<(string Region, string Departement, double Hours)>> DecisionHoursAsync(IQueryable<ReviewCase> cases, CancellationToken ct) =>
        (await cases.Where(c => c.DecidedAt != null).Select(c => new { c.Region, c.Departement, c.DecidedAt, c.VersionReceivedAt }).ToListAsync(ct))
            .Select(c => (c.Region, c.Departement, (c.DecidedAt!.Value - c.VersionReceivedAt).TotalHours)).ToList();

    /// <summary>Continuous percentile (PostgreSQL's percentile_cont) of sorted values, in hours rounded to 2 decimals.</summary>
    internal static double? Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0) return null;
        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return Math.Round(sorted[below] + (sorted[above] - sorted[below]) * (position - below), 2);
    }
}
