using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The journey in a real browser: an organiser declares an event through the form (the API's field errors
/// beside each field), finds it in their list; the Gers committee finds the case in its queue, takes it and
/// grants the label; the event page appears on the public site.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class LabellingJourneyTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task An_organiser_submits_through_the_form_the_Gers_committee_labels_it_in_the_workbench_and_the_event_reaches_the_map()
    {
        var title = "Journée découverte de la chaudronnerie " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/demandes/nouvelle");
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
        var row = page.Locator("table.demandes tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Auch");
        await Assertions.Expect(row).ToContainTextAsync("28/03/2018 09:00");
        var submissionId = await row.GetAttributeAsync("data-id");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-organiser-demands");

        // The Gers committee finds it in its queue, takes it and grants the label; the event reaches the public map.
        var reviewer = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        var link = reviewer.GetByRole(AriaRole.Link, new() { Name = title });
        await Eventually.Until(async () =>
        {
            if (await link.CountAsync() > 0) return true;
            await reviewer.ReloadAsync();
            return false;
        }, "the case in the Gers queue");
        await BrowserFixture.AccessibleAsync(reviewer);
        await browser.ScreenshotAsync(reviewer, "web-reviewer-queue");
        await link.ClickAsync();
        await Assertions.Expect(reviewer.Locator("#verifications")).ToContainTextAsync("Gratuit pour le public");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Prendre le dossier" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous avez pris le dossier.");
        await reviewer.Locator("label[for='decision-label']").ClickAsync();
        await BrowserFixture.AccessibleAsync(reviewer);
        await browser.ScreenshotAsync(reviewer, "web-reviewer-case");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre décision est enregistrée.");
        await Assertions.Expect(reviewer.Locator("#statut")).ToContainTextAsync("Labellisé");

        using var anonymous = await platform.ClientAsync();
        await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{submissionId}")).StatusCode == System.Net.HttpStatusCode.OK,
            "the labelled event in the public catalogue");
        var eventPage = await browser.PageAsync(platform.Gateway);
        await eventPage.GotoAsync($"/evenements/{submissionId}");
        await Assertions.Expect(eventPage.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }
}
