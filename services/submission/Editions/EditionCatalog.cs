using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Submission.Editions;

/// <summary>
/// The editions as this replica last read them from its database (<see cref="EditionsLoader"/> reloads at start, at every
/// change any replica commits, and every half minute). What organisers and the public see are the published ones; national
/// admins see drafts too.
/// </summary>
public sealed class EditionCatalog(DomainClock clock)
{
    private volatile Snapshot current = new([], []);

    private sealed record Snapshot(IReadOnlyList<Edition> Everything, IReadOnlyList<Edition> Published);

    /// <summary>Every edition, drafts included (national admins).</summary>
    public IReadOnlyList<Edition> Everything => current.Everything;

    /// <summary>The published editions, by year.</summary>
    public IReadOnlyList<Edition> All => current.Published;

    public Edition? ByYear(int year) => All.FirstOrDefault(e => e.Year == year);

    /// <summary>The edition open for submissions now; else the next one to come; else the latest.</summary>
    public Edition? Current()
    {
        var now = clock.GetUtcNow();
        return Edition.CurrentAmong(All, now, ParisTime.Day(now));
    }

    /// <summary>The published editions accepting submissions now, by year (a demand goes to the one its dates fall in).</summary>
    public IReadOnlyList<Edition> Open()
    {
        var now = clock.GetUtcNow();
        return All.Where(e => e.AcceptsSubmissionsAt(now)).ToList();
    }

    /// <summary>The published edition whose week contains the Paris calendar day of <paramref name="startsAt"/>.</summary>
    public Edition? Containing(DateTimeOffset startsAt)
    {
        var day = ParisTime.Day(startsAt);
        return All.FirstOrDefault(e => e.Covers(day));
    }

    public async Task ReloadAsync(SubmissionDbContext db, CancellationToken ct)
    {
        Use((await db.Editions.AsNoTracking().ToListAsync(ct)).Select(e => e.ToEdition()));
    }

    /// <summary>Raised after every (re)load: what depends on the editions' dates looks again (the submission reminders).</summary>
    public event Action? Changed;

    /// <summary>Replaces what this catalogue holds (the database's editions; a seed in unit tests).</summary>
    public void Use(IEnumerable<Edition> editions)
    {
        var all = editions.OrderBy(e => e.Year).ToList();
        current = new Snapshot(all, all.Where(e => e.Published).ToList());
        Changed?.Invoke();
    }
}
