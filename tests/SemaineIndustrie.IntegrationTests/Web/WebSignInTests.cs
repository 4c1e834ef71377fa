using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// Signing in on the web front-end in a real browser: the code flow with PKCE runs between the front-end's
/// server and the identity service; the browser holds only an HttpOnly session cookie, never a token; the
/// signed-in space reads the APIs through the gateway with the person's access token.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebSignInTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_Gers_reviewer_signs_in_from_the_map_sees_their_committee_and_signs_out()
    {
        var start = DateTime.UtcNow.AddSeconds(-1);
        var page = await browser.PageAsync(platform.Gateway);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First.ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(DevelopmentAccounts.GersReviewer);
        await page.GetByLabel("Mot de passe").FillAsync(DevelopmentAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        Assert.StartsWith(platform.Gateway + "mon-espace", page.Url);
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Copil du Gers");
        await Assertions.Expect(main).ToContainTextAsync("Occitanie — Gers");
        await Assertions.Expect(page.Locator("#count")).ToContainTextAsync("Dossiers en attente"); // read from the review API with the person's token
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-my-space");

        // The browser never holds a token: no script-readable cookie, no token in the page, none in a URL it requested.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
        var html = await page.ContentAsync();
        Assert.DoesNotContain("eyJ", html);
        Assert.DoesNotContain(requests, url => url.Contains("access_token", StringComparison.Ordinal) || url.Contains("id_token", StringComparison.Ordinal));
        Assert.Contains(requests, url => url.Contains("code_challenge=", StringComparison.Ordinal) && url.Contains("code_challenge_method=S256", StringComparison.Ordinal));
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "si-web");
        Assert.True(session.HttpOnly);

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(platform.Gateway.ToString().TrimEnd('/')) + "/?$")); // back on the map
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "si-web" or "si-identity");
        await page.GotoAsync("/mon-espace");
        await Assertions.Expect(page.GetByLabel("Mot de passe")).ToBeVisibleAsync(); // signed out of both: the provider asks again

        // Signing out revoked the session's refresh token: a copy of the session cookie taken before renews nothing.
        var statuses = await platform.QueryAsync<SemaineIndustrie.Identity.ServiceMarker, SemaineIndustrie.Identity.PlatformIdentityDbContext, List<string?>>(db =>
            (from token in db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
             join user in db.Users on token.Subject equals user.Id
             where user.Email == DevelopmentAccounts.GersReviewer && token.Type == OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.RefreshToken && token.CreationDate >= start
             select token.Status).ToListAsync());
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.NotEqual("valid", status));
    }
}
