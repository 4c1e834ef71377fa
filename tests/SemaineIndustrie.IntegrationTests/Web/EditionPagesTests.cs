using System.Net;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The national team opens an edition from the pages, with no configuration change or restart: create it (a refusal comes back
/// beside its field), publish it, and it is public at once; a regional admin may not.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class EditionPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_national_admin_creates_and_publishes_an_edition_from_the_pages_and_a_regional_admin_cannot()
    {
        var dge = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.NationalAdmin, "/mon-espace/editions");
        await Assertions.Expect(dge.GetByRole(AriaRole.Heading, new() { Name = "Éditions de la Semaine de l'Industrie" })).ToBeVisibleAsync();
        await Assertions.Expect(dge.Locator("#edition-2018")).ToContainTextAsync("L'Industrie connectée");
        await Assertions.Expect(dge.Locator("#edition-2019")).ToContainTextAsync("Publiée");
        await BrowserFixture.AccessibleAsync(dge);

        await dge.GetByRole(AriaRole.Link, new() { Name = "Créer une édition" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Heading, new() { Name = "Créer une édition" })).ToBeVisibleAsync();
        await dge.GetByLabel("Année").FillAsync("2041");
        await dge.GetByLabel("Numéro de l'édition").FillAsync("31");
        await dge.GetByLabel("Nom").FillAsync("Semaine de l'Industrie 2041");
        await dge.GetByLabel("Thème").FillAsync("Les femmes et les hommes de l'industrie");
        await dge.GetByLabel("Premier jour de la semaine").FillAsync("2041-03-18");
        await dge.GetByLabel("Dernier jour de la semaine").FillAsync("2041-03-24");
        await dge.GetByLabel("Ouverture du dépôt").FillAsync("2040-10-01T00:00");
        await dge.GetByLabel("Clôture du dépôt (avant le premier jour)").FillAsync("2041-03-20T12:00"); // inside the week: refused
        await dge.Locator("#sectors").FillAsync("aeronautique | Aéronautique et spatial\nbois | Bois");
        await dge.Locator("#audiences").FillAsync("grand-public | Grand public | public\njeunes | Jeunes");
        await dge.Locator("#focusTags").FillAsync("mixite | Mixité dans l'industrie");
        await dge.Locator("#kit").FillAsync("Logo 2041 | https://example.org/kit/2041/logo.zip");
        await dge.GetByRole(AriaRole.Button, new() { Name = "Créer l'édition (brouillon)" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Alert)).ToContainTextAsync("L'édition ne peut pas être acceptée");
        await Assertions.Expect(dge.Locator("#submissionsClose-erreur")).ToContainTextAsync("closes before the week starts");
        await BrowserFixture.AccessibleAsync(dge); // the refused form too

        await dge.GetByLabel("Clôture du dépôt (avant le premier jour)").FillAsync("2041-03-04T23:59");
        await dge.GetByRole(AriaRole.Button, new() { Name = "Créer l'édition (brouillon)" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Status)).ToContainTextAsync("en brouillon");
        await Assertions.Expect(dge.Locator("#edition-2041")).ToContainTextAsync("Brouillon");
        using var anonymous = await platform.ClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/editions/2041")).StatusCode);

        await dge.GetByRole(AriaRole.Button, new() { Name = "Publier l'édition 2041" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Status)).ToContainTextAsync("L'édition est publiée");
        await Assertions.Expect(dge.Locator("#edition-2041")).ToContainTextAsync("Publiée");
        await Assertions.Expect(dge.Locator("#historique")).ToContainTextAsync("édition 2041 publiée par Administratrice DGE");
        var published = await anonymous.GetAsync<Edition>("/api/editions/2041");
        Assert.Equal(("Les femmes et les hommes de l'industrie", "mixite"), (published.Theme, published.FocusTags.Single().Code));
        await browser.ScreenshotAsync(dge, "web-admin-editions");

        // Changing it: the form comes back filled, the year fixed.
        await dge.GetByRole(AriaRole.Link, new() { Name = "Modifier l'édition 2041" }).ClickAsync();
        await Assertions.Expect(dge.GetByLabel("Thème")).ToHaveValueAsync("Les femmes et les hommes de l'industrie");
        await dge.GetByLabel("Thème").FillAsync("Les métiers de l'industrie, pour toutes et tous");
        await dge.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Status)).ToContainTextAsync("L'édition est modifiée.");
        Assert.Equal("Les métiers de l'industrie, pour toutes et tous", (await anonymous.GetAsync<Edition>("/api/editions/2041")).Theme);

        var regional = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.RegionalAdmin, "/mon-espace/editions");
        await Assertions.Expect(regional.Locator("#refus")).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(regional);
    }
}
