using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>An organiser declares an event through the form in a real browser: the API's field errors beside each field, then the demand in their list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganiserSpaceTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task An_organiser_submits_through_the_form_sees_a_bad_postal_code_beside_its_field_and_finds_the_demand_in_the_list()
    {
        var title = "Journée découverte de la chaudronnerie " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        await page.GetByLabel("Adresse électronique").FillAsync(DevelopmentAccounts.Organiser);
        await page.GetByLabel("Mot de passe").FillAsync(DevelopmentAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Déclarer un événement" })).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(page);

        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Visite des ateliers de chaudronnerie et démonstration de soudure.");
        await page.GetByLabel("Type d'événement").SelectOptionAsync("openDay");
        await page.GetByLabel("Début").FillAsync("2018-03-28T09:00");
        await page.GetByLabel("Fin").FillAsync("2018-03-28T12:00");
        await page.GetByLabel("Nom du lieu").FillAsync("Chaudronnerie du Gers");
        await page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("3 avenue de l'Industrie");
        await page.GetByLabel("Code postal").FillAsync("99999");
        await page.GetByLabel("Commune").FillAsync("Auch");
        // DSFR draws checkboxes and radios in their labels: a person clicks the label.
        foreach (var id in new[] { "sectors-aeronautique", "audiences-jeunes", "freeOfCharge-oui", "registration-required-non", "accessibility-wheelchairAccessible-oui" })
        {
            await page.Locator($"label[for='{id}']").ClickAsync();
            await Assertions.Expect(page.Locator("#" + id)).ToBeCheckedAsync();
        }
        await page.GetByLabel("Page d'inscription ou d'information").FillAsync("https://forges-gascogne.example.org/portes-ouvertes");
        await page.GetByLabel("Nom de l'organisme").FillAsync("Forges de Gascogne");
        await page.GetByLabel("Type d'organisme").SelectOptionAsync("company");
        await page.GetByLabel("Personne à contacter").FillAsync("Camille Martin");
        await page.GetByLabel("Son adresse électronique").FillAsync("camille.martin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();

        // The API's rule, shown beside its field; what was typed is kept.
        await Assertions.Expect(page.Locator("#venue-postalCode-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Titre")).ToHaveValueAsync(title);
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-organiser-form-error");

        await page.GetByLabel("Code postal").FillAsync("32000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("#other-errors")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est déposée");
        var row = page.Locator("#demandes tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Auch");
        await Assertions.Expect(row).ToContainTextAsync("28/03/2018 09:00");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-organiser-demands");
    }
}
