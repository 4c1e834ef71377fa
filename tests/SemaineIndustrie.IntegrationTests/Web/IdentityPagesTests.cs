using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The identity pages in a real browser through the gateway: an organiser registers, follows the mailed
/// link, confirms and signs in. Every page passes axe (no serious or critical violation) and leaves a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task An_organiser_registers_confirms_and_signs_in_with_accessible_pages()
    {
        var email = $"navigateur-{Guid.NewGuid():N}@organisateurs.test";
        var page = await browser.PageAsync(platform.Gateway);

        await page.GotoAsync("/compte/inscription");
        await BrowserFixture.AccessibleAsync(page);
        await page.GetByLabel("Nom et prénom").FillAsync("Claude Navigateur");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-error")).ToBeVisibleAsync(); // the rule, beside its field
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "identity-register-error");

        await page.GetByLabel("Mot de passe").FillAsync("une phrase de passe pour la semaine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Un message a été envoyé");

        var link = (await Mailbox.NextAsync(email)).Link(platform.Gateway + "compte/verifier");
        await page.GotoAsync(link.PathAndQuery);
        await BrowserFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre adresse est confirmée");

        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("pas le bon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "identity-sign-in-error");

        await page.GetByLabel("Mot de passe").FillAsync("une phrase de passe pour la semaine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Claude Navigateur");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "identity-account");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sécurité du compte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dernières connexions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("mot de passe");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "identity-security");
        await page.GotoAsync("/compte");

        // The session cookie is HttpOnly: page scripts never see it.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies.Where(c => c.Name.Contains("si-")), c => { Assert.True(c.HttpOnly); Assert.NotEqual(SameSiteAttribute.None, c.SameSite); });
    }
}
