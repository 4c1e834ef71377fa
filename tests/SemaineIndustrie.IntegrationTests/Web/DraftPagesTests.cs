using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// A long form is not lost: it saves itself as a draft every few seconds (and on demand), survives a reload, is listed in
/// "Mes demandes" with what is still missing, and is submitted later as a demand (the draft then gone).
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class DraftPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_draft_saves_itself_survives_a_reload_is_listed_with_what_it_misses_and_is_submitted_later()
    {
        var title = "Atelier de soudure en brouillon " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/demandes/nouvelle");
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Démonstration de soudure et rencontre avec les apprentis de l'atelier.");
        await page.GetByLabel("Début").FillAsync("2018-03-29T14:00");
        await page.GetByLabel("Fin").FillAsync("2018-03-29T17:00");
        // Saved by itself: the page now has the draft's address.
        await Assertions.Expect(page.Locator("#brouillon-etat")).ToContainTextAsync("Brouillon enregistré à");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?brouillon=[0-9a-f-]{36}$"));

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Titre")).ToHaveValueAsync(title);
        await Assertions.Expect(page.GetByLabel("Début")).ToHaveValueAsync("2018-03-29T14:00");
        await page.GetByLabel("Nom du lieu").FillAsync("Atelier de soudure d'Auch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.Locator("#brouillon-enregistre")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Nom du lieu")).ToHaveValueAsync("Atelier de soudure d'Auch");
        await BrowserFixture.AccessibleAsync(page);

        await page.GotoAsync("/mon-espace/demandes");
        var row = page.Locator("#brouillons tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("lieu"); // its street and postal code are still missing
        await Assertions.Expect(row).ToContainTextAsync("publics");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-organiser-drafts");

        await row.GetByRole(AriaRole.Link, new() { Name = "Continuer" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Titre")).ToHaveValueAsync(title);
        await page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("3 avenue de l'Industrie");
        await page.GetByLabel("Code postal").FillAsync("32000");
        await page.GetByLabel("Commune").FillAsync("Auch");
        await page.GetByLabel("Type d'événement").SelectOptionAsync("workshop");
        foreach (var id in new[] { "sectors-aeronautique", "audiences-jeunes", "freeOfCharge-oui", "registration-required-non" })
            await page.Locator($"label[for='{id}']").ClickAsync();
        await page.GetByLabel("Page d'inscription ou d'information").FillAsync("https://forges-gascogne.example.org/soudure");
        // Two more sessions of the same workshop, reviewed with it.
        await page.GetByLabel("Séance 2 : commence le").FillAsync("2018-03-30T09:00");
        await page.GetByLabel("Séance 2 : se termine le").FillAsync("2018-03-30T12:00");
        await page.GetByLabel("Séance 3 : commence le").FillAsync("2018-03-31T09:00");
        await page.GetByLabel("Séance 3 : se termine le").FillAsync("2018-03-31T12:00");
        await page.GetByLabel("Séance 3 : places").FillAsync("8");
        await page.GetByLabel("Nom de l'organisme").FillAsync("Forges de Gascogne");
        await page.GetByLabel("Type d'organisme").SelectOptionAsync("company");
        await page.GetByLabel("Personne à contacter").FillAsync("Camille Martin");
        await page.GetByLabel("Son adresse électronique").FillAsync("camille.martin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est déposée");
        await Assertions.Expect(page.Locator("table.demandes tr", new() { HasText = title })).ToContainTextAsync("29/03/2018 14:00");
        await Assertions.Expect(page.Locator("#brouillons tr", new() { HasText = title })).ToHaveCountAsync(0);
        await page.Locator("table.demandes").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("29/03/2018 14:00 ; 30/03/2018 09:00 ; 31/03/2018 09:00");
        await BrowserFixture.AccessibleAsync(page);
    }
}
