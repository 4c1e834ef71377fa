using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.LabellingReview.Queues;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Statistics;

/// <summary>
/// This edition against the previous one at the same number of days before the week: received, labelled, refused and time
/// to decision, per région, in the caller's scope. Where a case stood at an instant is read from its audit trail (its last
/// intake or decision line by then), so a case decided later, or reopened since, counts as it was.
/// </summary>
public static class YearOverYearApi
{
    private static readonly string[] Intakes = ["opened", "revised", "reopened"];
    private static readonly string[] Decisions = ["labelled", "refused", "changes-requested"];
    private static readonly string[] Standing = [.. Intakes, .. Decisions, "withdrawn"];

    public static async Task<Results<Ok<YearOverYear>, ProblemHttpResult>> Compare(
        ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        var now = clock.GetUtcNow();
        var published = await KnownEdition.PublishedAsync(db, ct);
        var year = edition ?? KnownEdition.CurrentYear(published, now);
        var current = published.FirstOrDefault(e => e.Year == year);
        if (current is null)
            return Problems.BadQuery("edition", edition is null ? "No edition is known yet." : $"No published edition {edition}.");

        var daysBefore = current.FirstDay.DayNumber - ParisTime.Day(now).DayNumber;
        var cases = db.Cases.AsNoTracking().InScope(user);
        var (regions, total) = await ProgressAsync(db, cases.OfEdition(current.Year), now, ct);
        var previous = published.LastOrDefault(e => e.Year < current.Year);
        DateTimeOffset? previousAt = null;
        Dictionary<string, EditionProgress> before = [];
        EditionProgress? previousTotal = null;
        if (previous is not null)
        {
            // The same number of days before its week, at the same Paris time of day.
            previousAt = ParisTime.StartOf(previous.FirstDay.AddDays(-daysBefore)) + (now - ParisTime.StartOf(ParisTime.Day(now)));
            (before, previousTotal) = await ProgressAsync(db, cases.OfEdition(previous.Year), previousAt.Value, ct);
        }
        var rows = regions.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
            .Select(r => new RegionComparison(r, regions.GetValueOrDefault(r) ?? Empty, previous is null ? null : before.GetValueOrDefault(r) ?? Empty)).ToList();
        return TypedResults.Ok(new YearOverYear(current.Year, previous?.Year, daysBefore, now, previousAt,
            total, previousTotal, rows));
    }

    private static readonly EditionProgress Empty = new(0, 0, 0, null);

    /// <summary>Per région and in all, where these cases stood at <paramref name="at"/>; medians over every decision made by then.</summary>
    private static async Task<(Dictionary<string, EditionProgress> Regions, EditionProgress Total)> ProgressAsync(ReviewDbContext db, IQueryable<ReviewCase> cases, DateTimeOffset at, CancellationToken ct)
    {
        var received = await cases.Where(c => c.FirstReceivedAt <= at).Select(c => new { c.Id, c.Region }).ToListAsync(ct);
        var lines = await (from a in db.Audit.AsNoTracking()
                           join c in cases on a.CaseId equals c.Id
                           where a.At <= at && Standing.Contains(a.Action)
                           select new { a.CaseId, a.Id, a.At, a.Action }).ToListAsync(ct);
        var byCase = lines.GroupBy(l => l.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Id).ToList());
        var hours = byCase.Values.SelectMany(trail => trail.Select((line, i) => (line, i))
            .Where(x => Decisions.Contains(x.line.Action))
            .Select(x => trail.Take(x.i).LastOrDefault(l => Intakes.Contains(l.Action)) is { } intake ? (x.line.At - intake.At).TotalHours : (double?)null)
            .Where(h => h is not null).Select(h => (trail[0].CaseId, Hours: h!.Value))).ToLookup(h => h.CaseId, h => h.Hours);

        string? Last(Guid id) => byCase.TryGetValue(id, out var trail) ? trail[^1].Action : null;
        EditionProgress Figures<T>(IReadOnlyCollection<T> group, Func<T, Guid> id) => new(group.Count,
            group.Count(c => Last(id(c)) == "labelled"), group.Count(c => Last(id(c)) == "refused"),
            QueuesApi.Percentile(group.SelectMany(c => hours[id(c)]).Order().ToArray(), 0.5));
        return (received.GroupBy(c => c.Region).ToDictionary(g => g.Key, g => Figures(g.ToList(), c => c.Id)), Figures(received, c => c.Id));
    }
}
