using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>The edition: its theme and dates, and how the week comes together — counts per région and per sector.</summary>
public sealed class EditionModel(CatalogueClient catalogue) : PageModel
{
    public Edition? Edition { get; private set; }
    public CatalogueStats? Stats { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        Stats = await catalogue.StatsAsync(ct);
    }

    public IReadOnlyList<(string Label, int Count)> ByRegion => (Stats?.ByRegion ?? new Dictionary<string, int>())
        .Select(kv => (FrenchTerritory.FindRegion(kv.Key)?.Name ?? kv.Key, kv.Value)).OrderByDescending(r => r.Value).ToList();

    public IReadOnlyList<(string Label, int Count)> BySector => (Stats?.BySector ?? new Dictionary<string, int>())
        .Select(kv => (Edition?.Sectors.FirstOrDefault(s => s.Code == kv.Key)?.Label ?? kv.Key, kv.Value)).OrderByDescending(r => r.Value).ToList();
}
