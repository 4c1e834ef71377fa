using SemaineIndustrie.ServiceDefaults.Time;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Submission.Editions;

public sealed class EditionCatalog(IOptions<List<Edition>> editions, DomainClock clock)
{
    public IReadOnlyList<Edition> All { get; } = editions.Value.OrderBy(e => e.Year).ToList();

    public Edition? ByYear(int year) => All.FirstOrDefault(e => e.Year == year);

    /// <summary>The edition open for submissions now; else the next one to come; else the latest.</summary>
    public Edition? Current()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime);
        return All.FirstOrDefault(e => e.AcceptsSubmissionsAt(now))
            ?? All.FirstOrDefault(e => e.LastDay >= today)
            ?? All.LastOrDefault();
    }

    /// <summary>The edition whose week contains the Paris calendar day of <paramref name="startsAt"/>.</summary>
    public Edition? Containing(DateTimeOffset startsAt)
    {
        var day = DateOnly.FromDateTime(ParisTime.ToParis(startsAt).DateTime);
        return All.FirstOrDefault(e => e.Covers(day));
    }

    public static void Validate(IReadOnlyList<Edition> editions)
    {
        foreach (var e in editions)
        {
            if (e.LastDay < e.FirstDay || e.SubmissionsClose <= e.SubmissionsOpen || e.Sectors.Count == 0 || !e.Audiences.Any(a => a.OpenToPublic))
            {
                throw new InvalidOperationException($"Edition {e.Year} is misconfigured: check its days, submission window, sectors and audiences.");
            }
        }
        if (editions.GroupBy(e => e.Year).Any(g => g.Count() > 1)) throw new InvalidOperationException("Two editions share a year.");
    }
}
