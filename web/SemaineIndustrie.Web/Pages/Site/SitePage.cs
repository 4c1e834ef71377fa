using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

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

    public void OnGet() { }
}

public sealed class AccessibiliteModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class MentionsLegalesModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class DonneesPersonnellesModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class PlanDuSiteModel(IOptions<WebOptions> options) : SitePage(options);
public sealed class ContactModel(IOptions<WebOptions> options) : SitePage(options);
