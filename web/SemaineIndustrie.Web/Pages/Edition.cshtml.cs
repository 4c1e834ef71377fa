using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// An edition — the current one, or a past one at <c>/edition/2018</c>: its theme and dates, and how its week came together
/// (counts per région and per sector), with the other editions one link away.
/// </summary>
public sealed class EditionModel(CatalogueClient catalogue) : PageModel
{
    [FromRoute(Name = "annee")] public int? Year { get; set; }
    public Edition? Edition { get; private set; }
    public CatalogueStats? Stats { get; private set; }
    public IReadOnlyList<Edition> Editions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Editions = await catalogue.EditionsAsync(ct);
        Edition = Year is { } year ? Editions.FirstOrDefault(e => e.Year == year) : await catalogue.CurrentEditionAsync(ct);
        if (Year is not null && Edition is null) return NotFound();
        Stats = Edition is null ? null : await catalogue.StatsAsync(Edition.Year, ct);
        return Page();
    }

    public IReadOnlyList<(string Label, int Count)> ByRegion => (Stats?.ByRegion ?? new Dictionary<string, int>())
        .Select(kv => (FrenchTerritory.FindRegion(kv.Key)?.Name ?? kv.Key, kv.Value)).OrderByDescending(r => r.Value).ToList();

    public IReadOnlyList<(string Label, int Count)> BySector => (Stats?.BySector ?? new Dictionary<string, int>())
        .Select(kv => (Edition?.Sectors.FirstOrDefault(s => s.Code == kv.Key)?.Label ?? kv.Key, kv.Value)).OrderByDescending(r => r.Value).ToList();
}
