using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// A State website's obligations (issue 32, first part): the footer of every page links to the five mandatory pages, which
/// answer in French and in English and pass axe; an edition's page has its link preview.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SitePagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task The_footer_links_to_the_five_mandatory_pages_which_answer_in_both_languages_and_pass_axe()
    {
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/edition");
        // A shared link to the edition shows a preview.
        await Assertions.Expect(page.Locator("meta[property='og:title']")).ToHaveAttributeAsync("content", new System.Text.RegularExpressions.Regex("."));
        await Assertions.Expect(page.Locator("meta[property='og:url']")).ToHaveAttributeAsync("content", new System.Text.RegularExpressions.Regex("/edition$"));
        var footer = page.GetByRole(AriaRole.Contentinfo);
        foreach (var (name, title) in new[]
        {
            ("Accessibilité : partiellement conforme", "Déclaration d'accessibilité"), ("Mentions légales", "Mentions légales"),
            ("Données personnelles et cookies", "Données personnelles et cookies"), ("Plan du site", "Plan du site"), ("Contact", "Contact"),
        })
        {
            await footer.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await BrowserFixture.AccessibleAsync(page);
        }
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("contact@semaine-industrie.example");
        // The identity service's pages (sign-in, registration, account) link to the same five.
        await page.GotoAsync("/compte/connexion");
        foreach (var name in new[] { "Accessibilité : partiellement conforme", "Mentions légales", "Données personnelles et cookies", "Plan du site", "Contact" })
            await Assertions.Expect(page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Mentions légales", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mentions légales");
        await browser.ScreenshotAsync(page, "contact");

        await page.GotoAsync("/langue/en?retour=%2Faccessibilite");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accessibility statement");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("partially compliant");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Déclaration");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "accessibility-statement-en");
        foreach (var path in new[] { "/mentions-legales", "/donnees-personnelles", "/plan-du-site", "/contact" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Site map" })).ToBeVisibleAsync();
            await BrowserFixture.AccessibleAsync(page);
        }
        await Assertions.Expect(page.Locator("link[rel=alternate][hreflang=fr]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/contact\\?lang=fr$"));
    }
}

/// <summary>
/// What search engines read: robots.txt keeps the private spaces out; the sitemap lists a labelled event's page and not a
/// refused one (in the signed-in pages' collection: staging events in the public pages' collection would change their counts,
/// and in the Platform collection this test follows a 200-event batch whose cases take more than CaseOfAsync's 30 s to open).
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class SiteIndexTests(Platform platform)
{
    [Fact]
    public async Task Robots_keep_the_private_spaces_out_and_the_sitemap_lists_labelled_events_not_refused_ones()
    {
        using var anonymous = await platform.ClientAsync();
        var robots = await anonymous.GetStringAsync("/robots.txt");
        foreach (var path in new[] { "/mon-espace", "/session", "/compte", "/api/" }) Assert.Contains($"Disallow: {path}\n", robots);
        Assert.Contains("Sitemap: ", robots);
        Assert.Contains("Allow: /api/catalogue/open-data/\n", robots);

        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "sitemap", OrganisationId: "org-sitemap-" + run));
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "sitemap-dge"));
        var ids = new Dictionary<string, Guid>();
        foreach (var outcome in new[] { "label", "refuse" })
        {
            var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission($"Atelier du plan du site {outcome} {run}"));
            var id = (await created.ReadAsync<SubmissionView>()).Id;
            var caseId = await platform.CaseOfAsync(id);
            var decided = await admin.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = outcome, motivation = outcome == "refuse" ? "Hors du thème." : null });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            ids[outcome] = id;
        }
        await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{ids["label"]}")).StatusCode, s => s == HttpStatusCode.OK, "the labelled event published");

        // The gateway keeps the map's GeoJSON a few seconds: the sitemap names the event once the cached answer has it.
        var sitemap = await Eventually.Until(async () => XDocument.Parse(await anonymous.GetStringAsync("/sitemap.xml")),
            map => map.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")).Any(l => l.Value.EndsWith($"/evenements/{ids["label"]}", StringComparison.Ordinal)),
            "the labelled event in the sitemap");
        var addresses = sitemap.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")).Select(l => l.Value).ToList();
        Assert.DoesNotContain(addresses, a => a.EndsWith($"/evenements/{ids["refuse"]}", StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.EndsWith("/accessibilite", StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.EndsWith("/donnees", StringComparison.Ordinal));
        Assert.DoesNotContain(addresses, a => a.Contains("/mon-espace", StringComparison.Ordinal));
    }
}
