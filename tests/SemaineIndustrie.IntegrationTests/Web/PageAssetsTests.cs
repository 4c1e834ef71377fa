using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// Every asset the pages refer to exists: each page of every user group is read through the gateway (signed in
/// where it must be), the URLs of its stylesheets, scripts, icons and images are collected, then those of its
/// stylesheets (fonts, icons, images), and each must answer 200 from the platform itself (no CDN).
/// DSFR's icons were missing: every page asked for /lib/dsfr/icons/system/menu-fill.svg and got 404.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed partial class PageAssetsTests(Platform platform, BrowserFixture browser)
{
    [GeneratedRegex("""<(?:link|script|img|source)\b[^>]*?\s(?:href|src|srcset)\s*=\s*"([^"]*)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAsset();

    [GeneratedRegex("""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssReference();

    [GeneratedRegex(@"\sclass\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ClassAttribute();

    [Fact]
    public async Task Every_stylesheet_script_icon_font_and_image_the_pages_refer_to_answers_200()
    {
        var (submissionId, caseId) = await LabelledEventAsync();
        var pages = new (string? Email, string[] Paths)[]
        {
            (null, ["/", "/edition", "/embed", $"/evenements/{submissionId}", $"/evenements/{Guid.NewGuid()}", "/compte/connexion", "/compte/inscription",
                "/donnees", "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/plan-du-site", "/contact"]),
            (DevelopmentAccounts.Organiser, ["/mon-espace", "/mon-espace/demandes", "/mon-espace/demandes/nouvelle", $"/mon-espace/demandes/{submissionId}", "/mon-espace/import", "/mon-espace/notifications"]),
            (DevelopmentAccounts.GersReviewer, ["/mon-espace/dossiers", $"/mon-espace/dossiers/{caseId}", "/mon-espace/modeles"]),
            (DevelopmentAccounts.NationalAdmin, ["/mon-espace/tableau-de-bord", "/mon-espace/comites?region=76"]),
        };

        var assets = new Dictionary<Uri, string>();   // asset → the page or stylesheet that refers to it
        var checkedAssets = new HashSet<Uri>();
        var broken = new List<string>();
        var elsewhere = new List<string>();
        var classes = new Dictionary<string, string>(); // a DSFR class the web's pages use → a page using it
        foreach (var (email, paths) in pages)
        {
            var page = email is null ? await browser.PageAsync(platform.Gateway) : await browser.SignedInPageAsync(platform.Gateway, email, "/mon-espace");
            if (email is not null) await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
            using var http = await WithCookiesOfAsync(page);   // the signed-in pages as their users get them
            foreach (var path in paths)
            {
                using var response = await http.GetAsync(path);
                // One page, one session: the tokens are refreshed once and the session cookie written once, however many
                // API calls the page makes (the case page wrote it 5 times: 42 KB of Set-Cookie, past a proxy's header buffer).
                var setTwice = response.Headers.TryGetValues("Set-Cookie", out var set)
                    ? set.GroupBy(c => c[..c.IndexOf('=')]).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList() : [];
                Assert.True(setTwice.Count == 0, $"{path} as {email}: the same cookie set more than once: {string.Join(", ", setTwice)}");
                var expected = path.StartsWith("/evenements/", StringComparison.Ordinal) && !path.EndsWith(submissionId.ToString(), StringComparison.Ordinal) ? 404 : 200;
                Assert.True((int)response.StatusCode == expected, $"{path} as {email ?? "anonymous"}: {(int)response.StatusCode}, expected {expected}");
                var pageUrl = new Uri(platform.Gateway, path);
                var html = await response.Content.ReadAsStringAsync();
                foreach (Match m in HtmlAsset().Matches(html))
                    Collect(WebUtility.HtmlDecode(m.Groups[1].Value).Split(',')[0].Trim().Split(' ')[0], pageUrl);
                if (!path.StartsWith("/compte/", StringComparison.Ordinal)) // the identity service's pages have their own style sheet
                    foreach (Match m in ClassAttribute().Matches(html))
                        foreach (var name in m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => c.StartsWith("fr-", StringComparison.Ordinal)))
                            classes.TryAdd(name, path);
            }

            // Stylesheets refer to more assets (fonts, icons, images): follow them until nothing new appears.
            for (var pending = assets.Keys.Except(checkedAssets).ToList(); pending.Count > 0; pending = assets.Keys.Except(checkedAssets).ToList())
            {
                foreach (var asset in pending)
                {
                    checkedAssets.Add(asset);
                    using var response = await http.GetAsync(asset);
                    if (response.StatusCode != HttpStatusCode.OK) { broken.Add($"{asset.PathAndQuery} → {(int)response.StatusCode} (from {assets[asset]})"); continue; }
                    if (asset.AbsolutePath.EndsWith(".css", StringComparison.Ordinal))
                        foreach (Match m in CssReference().Matches(await response.Content.ReadAsStringAsync()))
                            Collect(m.Groups[1].Value, asset);
                }
            }
            await page.Context.CloseAsync();
        }

        Assert.True(broken.Count == 0, $"{broken.Count} of {checkedAssets.Count} assets do not answer 200:\n" + string.Join("\n", broken));
        Assert.True(elsewhere.Count == 0, "assets served from elsewhere than the platform:\n" + string.Join("\n", elsewhere));
        // The ones that were missing, and the reach of the crawl: the DSFR's icons and fonts, Leaflet's images, the chart's script.
        Assert.Contains(assets.Keys, a => a.AbsolutePath == "/lib/dsfr/icons/system/menu-fill.svg");
        Assert.Contains(assets.Keys, a => a.AbsolutePath == "/lib/dsfr/fonts/latin/Marianne-Regular.woff2");
        Assert.Contains(assets.Keys, a => a.AbsolutePath == "/lib/leaflet/images/layers.png");
        Assert.Contains(assets.Keys, a => a.AbsolutePath == "/lib/dsfr-chart/BarChart.js");
        Assert.Contains(assets.Keys, a => a.AbsolutePath == "/compte/assets/site.css");

        // The web serves the DSFR's core and the components its pages use (web/…/assets.mjs): every DSFR class on a page
        // that the whole DSFR styles is styled by what the pages load (a component used and not bundled shows unstyled).
        using var plain = new HttpClient { BaseAddress = platform.Gateway };
        var served = await plain.GetStringAsync("/lib/dsfr/dsfr.site.min.css");
        var whole = await File.ReadAllTextAsync(Path.Combine(PlatformSettings.RepositoryRoot(), "web/SemaineIndustrie.Web/node_modules/@gouvfr/dsfr/dist/dsfr.main.min.css"));
        bool Styles(string css, string name) => Regex.IsMatch(css, @"\." + Regex.Escape(name) + @"(?![\w-])");
        var unstyled = classes.Where(c => Styles(whole, c.Key) && !Styles(served, c.Key)).Select(c => $"{c.Key} (on {c.Value})").ToList();
        Assert.True(unstyled.Count == 0, "DSFR classes the pages use that dsfr.site.min.css lacks (add the component to assets.mjs):\n" + string.Join("\n", unstyled));
        Assert.True(classes.Count > 50, $"only {classes.Count} DSFR classes collected");

        void Collect(string reference, Uri from)
        {
            if (reference.Length == 0 || reference.StartsWith("data:", StringComparison.Ordinal) || reference.StartsWith('#')) return;
            var url = new Uri(from, reference);
            if (url.GetLeftPart(UriPartial.Authority) != platform.Gateway.GetLeftPart(UriPartial.Authority)) { elsewhere.Add($"{url} (from {from.PathAndQuery})"); return; }
            assets.TryAdd(new Uri(url.GetLeftPart(UriPartial.Query)), from.PathAndQuery);
        }
    }

    /// <summary>An HTTP client holding the browser's cookies, that does not follow redirects.</summary>
    private async Task<HttpClient> WithCookiesOfAsync(IPage page)
    {
        var jar = new CookieContainer();
        foreach (var cookie in await page.Context.CookiesAsync()) jar.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = platform.Gateway };
    }

    /// <summary>An event of the Gers, submitted by the seeded organiser, labelled and published: its event page and its case page exist.</summary>
    private async Task<(Guid SubmissionId, Guid CaseId)> LabelledEventAsync()
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Visite de la fonderie " + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submissionId = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(submissionId);
        using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
        var decided = await admin.PostAsJsonAsync("/api/review/cases/decisions", new { decisions = new[] { new { caseId, decision = "label" } } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(200, (await decided.ReadAsync<List<BulkDecisionResult>>())[0].Status);
        using var anonymous = await platform.ClientAsync();
        await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{submissionId}")).StatusCode == HttpStatusCode.OK, "the event published");
        return (submissionId, caseId);
    }
}
