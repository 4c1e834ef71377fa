using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts.Catalogue;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages.Site;

/// <summary>
/// The State website's mandatory pages (footer of every page): accessibility statement, legal notices, personal data and
/// cookies, site map, contact — one page each, in the visitor's language, with the operator's facts (<see cref="SiteOptions"/>).
/// </summary>
public abstract class SitePage(IOptions<WebOptions> options) : PageModel
{
    public SiteOptions Site => options.Value.Site;
    public bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    public string CheckedOn => Site.AccessibilityCheckedOn.ToString("d MMMM yyyy", CultureInfo.CurrentUICulture);

    /// <summary>The five pages, as the footer and the site map list them: address, French and English names.</summary>
    public static readonly IReadOnlyList<(string Path, string French, string English)> Mandatory =
    [
        ("/accessibilite", "Accessibilité : partiellement conforme", "Accessibility: partially compliant"),
        ("/mentions-legales", "Mentions légales", "Legal notices"),
        ("/donnees-personnelles", "Données personnelles et cookies", "Personal data and cookies"),
        ("/plan-du-site", "Plan du site", "Site map"),
        ("/contact", "Contact", "Contact"),
    ];
}

public sealed class AccessibiliteModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class MentionsLegalesModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class DonneesPersonnellesModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class PlanDuSiteModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class ContactModel(IOptions<WebOptions> options) : SitePage(options);

/// <summary>
/// The open dataset (/donnees): each edition's files with their size and date, the licence, the fields from the dataset's own
/// Table Schema, and what is not in it. The field descriptions are the schema's, in French (marked lang="fr").
/// </summary>
public sealed class DonneesModel(IOptions<WebOptions> options, CatalogueClient catalogue) : SitePage(options)
{
    public OpenDataIndex Index { get; private set; } = new("", "", "", []);
    public IReadOnlyList<TableSchemaField> Fields { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Index = await catalogue.OpenDataAsync(ct);
        Fields = await catalogue.OpenDataFieldsAsync(ct);
    }

    /// <summary>"CSV – 12 ko" / "CSV – 12 kB": the DSFR download link's detail.</summary>
    public string Detail(string file, long bytes)
    {
        var format = Path.GetExtension(file).TrimStart('.').ToUpperInvariant();
        var kilo = Math.Max(1, (bytes + 512) / 1024);
        return kilo >= 1024
            ? $"{format} – {(kilo / 1024.0).ToString("0.#", CultureInfo.CurrentUICulture)} {(English ? "MB" : "Mo")}"
            : $"{format} – {kilo.ToString(CultureInfo.CurrentUICulture)} {(English ? "kB" : "ko")}";
    }

    public string Date(DateTimeOffset at) => SemaineIndustrie.ServiceDefaults.Time.ParisTime.ToParis(at).ToString(English ? "MMMM d, yyyy 'at' HH:mm" : "d MMMM yyyy 'à' HH'h'mm", CultureInfo.CurrentUICulture);
}
