using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// Every page in both languages (issue 32, part 4): an English visitor signs in (the identity service's page), declares an
/// event through the form and finds it in their demands, opens their account; a committee member reads the workbench — and no
/// page shows a French resource (<see cref="FrenchResources"/>), each passes axe. The language chosen on the map holds on the
/// sign-in page: one cookie for the whole address.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class EnglishPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task An_English_visitor_signs_in_declares_an_event_and_reads_the_workbench_without_a_French_resource()
    {
        var title = "Open day at the boiler works " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/langue/en?retour=" + Uri.EscapeDataString("/session/connexion?retour=/mon-espace"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await FrenchResources.AbsentAsync(page);
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "sign-in-en");
        await page.GetByLabel("E-mail address").FillAsync(DevelopmentAccounts.Organiser);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DevelopmentAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Declare an event" })).ToBeVisibleAsync();
        await FrenchResources.AbsentAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Declare an event" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Declare an event");
        await FrenchResources.AbsentAsync(page);
        await BrowserFixture.AccessibleAsync(page);

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Description").FillAsync("A tour of the workshops and a welding demonstration.");
        await page.GetByLabel("Type of event").SelectOptionAsync("openDay");
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("2018-03-28T09:00");
        await page.GetByLabel("End", new() { Exact = true }).FillAsync("2018-03-28T12:00");
        await page.GetByLabel("Name of the venue").FillAsync("Boiler works of the Gers");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("3 avenue de l'Industrie");
        await page.GetByLabel("Postcode").FillAsync("32000");
        await page.GetByLabel("Commune", new() { Exact = true }).FillAsync("Auch");
        foreach (var id in new[] { "sectors-aeronautique", "audiences-jeunes", "freeOfCharge-oui", "registration-required-non", "accessibility-wheelchairAccessible-oui" })
            await page.Locator($"label[for='{id}']").ClickAsync();
        await page.GetByLabel("Registration or information page").FillAsync("https://forges-gascogne.example.org/open-day");
        await page.GetByLabel("Name of the organisation").FillAsync("Forges de Gascogne");
        await page.GetByLabel("Type of organisation").SelectOptionAsync("company");
        await page.GetByLabel("Contact person").FillAsync("Camille Martin");
        await page.GetByLabel("Their e-mail address").FillAsync("camille.martin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the demand" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your demand is submitted");
        await Assertions.Expect(page.Locator("table.demandes tr", new() { HasText = title })).ToContainTextAsync("Auch");
        await FrenchResources.AbsentAsync(page, "table.demandes td:first-child > a:first-child", "table.demandes a[href*=\"reconduire=\"]", "#brouillons td:first-child", "#brouillons a[title]", "#brouillons button[title]");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "demands-en");

        await page.GotoAsync("/compte");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My account");
        await FrenchResources.AbsentAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Account security" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent sign-ins" })).ToBeVisibleAsync();
        await FrenchResources.AbsentAsync(page);
        await BrowserFixture.AccessibleAsync(page);

        // The Gers committee's workbench, in English.
        var reviewer = await browser.PageAsync(platform.Gateway);
        await reviewer.GotoAsync("/langue/en?retour=" + Uri.EscapeDataString("/session/connexion?retour=/mon-espace/dossiers?departement=32"));
        await reviewer.GetByLabel("E-mail address").FillAsync(DevelopmentAccounts.GersReviewer);
        await reviewer.GetByLabel("Password", new() { Exact = true }).FillAsync(DevelopmentAccounts.Password);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Your committee's cases" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Filter" })).ToBeVisibleAsync();
        await FrenchResources.AbsentAsync(reviewer, "#dossiers td:nth-child(2) > a", "#dossiers td:first-child .fr-sr-only");
        await BrowserFixture.AccessibleAsync(reviewer);
        await browser.ScreenshotAsync(reviewer, "workbench-en");
    }
}
