using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// Every page in both languages (issue 32, part 4): an English visitor signs in (the identity service's page), declares an
/// event through the form, finds it in their demands, opens its page and its change form, the CSV import, their mail choices, then their account and its
/// security page; a committee member reads the workbench, the case, the dashboard and the templates, a regional administrator the committee and the national team the editions — and no
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
        var page = await SignInInEnglishAsync(DevelopmentAccounts.Organiser, "/mon-espace", screenshot: "sign-in-en");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Declare an event" })).ToBeVisibleAsync();
        await FrenchResources.AbsentAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Declare an event" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Declare an event");
        await EnglishAndAccessibleAsync(page);

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
        await EnglishAndAccessibleAsync(page, "table.demandes td:first-child > a:first-child", "table.demandes a[href*=\"reconduire=\"]", "#brouillons td:first-child", "#brouillons a[title]", "#brouillons button[title]");
        await browser.ScreenshotAsync(page, "demands-en");

        // The demand's page (its conversation with the committee) and its change form.
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conversation with the committee" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the event" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the demand" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the changed demand" })).ToBeVisibleAsync();
        await FrenchResources.AbsentAsync(page);

        await page.GotoAsync("/mon-espace/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the file" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(page);

        await page.GotoAsync("/mon-espace/notifications");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(page);

        await page.GotoAsync("/compte");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My account");
        await FrenchResources.AbsentAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Account security" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent sign-ins" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(page);

        // The Gers committee's workbench, in English.
        var reviewer = await SignInInEnglishAsync(DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Your committee's cases" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Filter" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(reviewer, "#dossiers td:nth-child(2) > a", "#dossiers td:first-child .fr-sr-only");
        await browser.ScreenshotAsync(reviewer, "workbench-en");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Preliminary checks" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Take the case" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(reviewer);
        await browser.ScreenshotAsync(reviewer, "case-en");

        await reviewer.GotoAsync("/mon-espace/tableau-de-bord");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Labelling dashboard");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "By region" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(reviewer, "#escalades th a");
        await reviewer.GotoAsync("/mon-espace/modeles");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The committee's reasoning templates");
        await EnglishAndAccessibleAsync(reviewer, "#modeles"); // the templates are the committee's own words

        // Occitanie's administrator runs the region's committee in English.
        var admin = await SignInInEnglishAsync(DevelopmentAccounts.RegionalAdmin, "/mon-espace/comites");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Invite a member" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(admin);

        // The national team's editions, in English (an edition's own names stay as the team wrote them).
        var national = await SignInInEnglishAsync(DevelopmentAccounts.NationalAdmin, "/mon-espace/editions");
        await Assertions.Expect(national.GetByRole(AriaRole.Heading, new() { Name = "History of changes" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(national, "#editions td:nth-child(2)");
        await national.GetByRole(AriaRole.Link, new() { Name = "Create an edition" }).ClickAsync();
        await Assertions.Expect(national.GetByRole(AriaRole.Button, new() { Name = "Create the edition (draft)" })).ToBeVisibleAsync();
        await EnglishAndAccessibleAsync(national);
    }

    /// <summary>A new visitor who chooses English on the map's switch, then signs in on the identity service's page (checked too).</summary>
    private async Task<IPage> SignInInEnglishAsync(string email, string returnTo, string? screenshot = null)
    {
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/langue/en?retour=" + Uri.EscapeDataString("/session/connexion?retour=" + returnTo));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await EnglishAndAccessibleAsync(page);
        if (screenshot is not null) await browser.ScreenshotAsync(page, screenshot);
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DevelopmentAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static async Task EnglishAndAccessibleAsync(IPage page, params string[] userText)
    {
        await FrenchResources.AbsentAsync(page, userText);
        await BrowserFixture.AccessibleAsync(page);
    }
}
