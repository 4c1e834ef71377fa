using System.Text.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>A person chooses which mails they get, in a real browser; the notification service keeps the choice.</summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class NotificationPreferencesPageTests(Platform platform, BrowserFixture browser)
{
    private async Task<Dictionary<string, bool>> PreferencesAsync()
    {
        using var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        var preferences = await api.GetAsync<JsonElement[]>("/api/notifications/preferences");
        return preferences.ToDictionary(p => p.GetProperty("kind").GetString()!, p => p.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task An_organiser_turns_off_refusal_mails_and_turns_them_back_on()
    {
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes notifications" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes notifications" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#actif-refused")).ToBeCheckedAsync();
        await page.Locator("label[for='actif-refused']").ClickAsync();
        await BrowserFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes choix" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vos choix sont enregistrés.");
        await Assertions.Expect(page.Locator("#actif-refused")).Not.ToBeCheckedAsync();
        await browser.ScreenshotAsync(page, "web-notification-preferences");
        var preferences = await PreferencesAsync();
        Assert.False(preferences["refused"]);
        Assert.True(preferences["labelled"]);

        await page.Locator("label[for='actif-refused']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes choix" }).ClickAsync();
        await Assertions.Expect(page.Locator("#actif-refused")).ToBeCheckedAsync();
        Assert.True((await PreferencesAsync())["refused"]);
    }
}
