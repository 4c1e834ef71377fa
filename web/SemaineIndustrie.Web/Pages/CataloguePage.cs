using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// A page showing the catalogue with the API's filters, read from the URL (so a view can be shared): the
/// map page and the embeddable widget. The list is rendered on the server (it works without JavaScript);
/// the map script then keeps it in step with the map's view.
/// </summary>
public abstract class CataloguePage(CatalogueClient catalogue, IOptions<WebOptions> options) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "departement")] public string? Departement { get; set; }
    [BindProperty(SupportsGet = true, Name = "commune")] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true, Name = "sector")] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true, Name = "audience")] public string? Audience { get; set; }
    /// <summary>A national focus tag of the edition (e.g. "mixite").</summary>
    [BindProperty(SupportsGet = true, Name = "focus")] public string? Focus { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "bbox")] public string? Bbox { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }
    /// <summary>The edition shown: <c>/2018</c> or <c>?edition=2018</c>; the current one by default.</summary>
    [BindProperty(SupportsGet = true, Name = "edition")] public int? Year { get; set; }
    [FromRoute(Name = "annee")] public int? YearInPath { get; set; }

    public CatalogueFilters Filters => new(Region, Departement, Commune, Sector, Audience, From, To, Q, Bbox, Edition?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Focus);
    /// <summary>Every published edition, for the archive's choice.</summary>
    public IReadOnlyList<Edition> Editions { get; private set; } = [];
    public Edition? Current { get; private set; }
    /// <summary>Another edition than the current one: a past one (its events stay online) or the next one.</summary>
    public bool Archive => Edition is not null && Current is not null && Edition.Year != Current.Year;
    public bool Past => Archive && Edition!.LastDay < Current!.FirstDay;
    public EventListModel List { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> FilterErrors { get; private set; } = new Dictionary<string, string[]>();
    public Edition? Edition { get; private set; }
    public MapOptions Map => options.Value.Map;
    public IReadOnlyList<Region> Regions => FrenchTerritory.Regions;
    public IEnumerable<Departement> Departements => FrenchTerritory.Departements.Where(d => Region is null || d.RegionCode == Region);

    /// <summary>The clusters the map draws (the script adds its zoom and view): the same filters, through the gateway (same origin).</summary>
    public string ClustersUrl => Api("/api/catalogue/clusters");

    /// <summary>The events listed beside the map (the script adds the view and a limit).</summary>
    public string EventsUrl => Api("/api/catalogue/events");

    private string Api(string path)
    {
        var query = (Filters with { Bbox = null }).ToQueryString();
        return path + (query.Length > 0 ? "?" + query : "");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Current = await catalogue.CurrentEditionAsync(ct);
        Editions = await catalogue.EditionsAsync(ct);
        var year = YearInPath ?? Year;
        Edition = year is null ? Current : Editions.FirstOrDefault(e => e.Year == year);
        if (year is not null && Edition is null) return NotFound(); // no such published edition
        var answer = await catalogue.EventsAsync(Filters, PageSize, Cursor, ct);
        FilterErrors = answer.Errors;
        if (answer.Value is { } page)
        {
            var query = Filters.ToQueryString();
            var next = page.NextCursor is null ? null : $"{Request.Path}?{(query.Length > 0 ? query + "&" : "")}cursor={Uri.EscapeDataString(page.NextCursor)}";
            List = new EventListModel(page.Items, next);
        }
        return Page();
    }
}
