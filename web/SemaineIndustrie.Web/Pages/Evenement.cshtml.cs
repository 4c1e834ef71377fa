using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// One event as the public sees it. An event that is not (or no longer) in the catalogue — withdrawn,
/// refused, never published — is a 404 page, never a stale copy.
/// </summary>
public sealed class EvenementModel(CatalogueClient catalogue, IOptions<WebOptions> options) : PageModel
{
    public PublicEvent? Event { get; private set; }
    public Edition? Edition { get; private set; }
    /// <summary>The event belongs to an edition whose week ended before the current one's: its page stays (links shared that year keep working) and says so.</summary>
    public bool Past { get; private set; }
    public MapOptions Map => options.Value.Map;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Event = await catalogue.EventAsync(id, ct);
        if (Event is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Edition = await catalogue.EditionAsync(Event.Edition, ct);
        Past = Edition is not null && await catalogue.CurrentEditionAsync(ct) is { } current && Edition.LastDay < current.FirstDay;
        JsonLd = await catalogue.EventJsonLdAsync(id, ct);
    }

    /// <summary>The page's own address (canonical, shared).</summary>
    public string Address => options.Value.Absolute(Request, $"/evenements/{Event!.Id}");

    public string Absolute(string path) => options.Value.Absolute(Request, path);

    /// <summary>The description's first 200 characters, on one line: the page's meta description and its link preview's text.</summary>
    public string Summary => Event!.Description.ReplaceLineEndings(" ") is var text && text.Length > 200 ? text[..197].TrimEnd() + "…" : Event.Description.ReplaceLineEndings(" ");

    /// <summary>schema.org Event for search engines, from the catalogue (escaped for the page's script element).</summary>
    public string? JsonLd { get; private set; }

    /// <summary>A sector's or audience's label in the event's edition (the code when the edition does not name it).</summary>
    public string Label(string code) =>
        Edition?.Sectors.FirstOrDefault(c => c.Code == code)?.Label ?? Edition?.Audiences.FirstOrDefault(c => c.Code == code)?.Label
        ?? Edition?.FocusTags.FirstOrDefault(c => c.Code == code)?.Label ?? code;
}
