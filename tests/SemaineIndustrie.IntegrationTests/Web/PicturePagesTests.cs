using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Tests.Shared;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// A picture from the organiser's form to the public page: chosen in the form, refused without its alternative text (the
/// picture kept meanwhile, shown as a preview), seen by the committee with the case, and once labelled shown on the event's
/// page and in the list — sizes set, loaded, described, the pages accessible.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class PicturePagesTests(Platform platform, BrowserFixture browser)
{
    private static async Task LoadedAsync(ILocator image)
    {
        await Assertions.Expect(image).ToBeVisibleAsync();
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the picture was served and decoded");
    }

    [Fact]
    public async Task A_picture_goes_from_the_form_with_its_description_to_the_committee_and_the_public_page()
    {
        var word = "Affiche" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Fonderie ouverte {word}";
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/demandes/nouvelle");
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Coulée de bronze commentée par les fondeurs, visite de l'atelier de moulage.");
        await page.GetByLabel("Type d'événement").SelectOptionAsync("openDay");
        await page.GetByLabel("Début").FillAsync("2018-03-28T14:00");
        await page.GetByLabel("Fin").FillAsync("2018-03-28T17:00");
        await page.GetByLabel("Affiche ou photo").SetInputFilesAsync(new FilePayload { Name = "fonderie.jpg", MimeType = "image/jpeg", Buffer = TestPictures.JpegWithGps(1600, 1200) });
        await page.GetByLabel("Nom du lieu").FillAsync("Fonderie d'Auch");
        await page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("3 avenue de l'Industrie");
        await page.GetByLabel("Code postal").FillAsync("32000");
        await page.GetByLabel("Commune").FillAsync("Auch");
        foreach (var choice in new[] { "sectors-aeronautique", "audiences-grand-public", "freeOfCharge-oui", "registration-required-non" })
            await page.Locator($"label[for='{choice}']").ClickAsync();
        await page.GetByLabel("Page d'inscription ou d'information").FillAsync("https://forges-gascogne.example.org/fonderie");
        await page.GetByLabel("Nom de l'organisme").FillAsync("Forges de Gascogne");
        await page.GetByLabel("Type d'organisme").SelectOptionAsync("company");
        await page.GetByLabel("Personne à contacter").FillAsync("Camille Martin");
        await page.GetByLabel("Son adresse électronique").FillAsync("camille.martin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();

        // Refused without its description; the picture is kept (its preview shown), not asked for again.
        await Assertions.Expect(page.Locator("#picture-alt-error")).ToContainTextAsync("Required");
        await LoadedAsync(page.Locator("#image .apercu-image"));
        await BrowserFixture.AccessibleAsync(page);
        await page.GetByLabel("Texte alternatif de l'image").FillAsync("Un fondeur verse du bronze en fusion dans un moule");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est déposée");
        var link = page.Locator("table.demandes").GetByRole(AriaRole.Link, new() { Name = title });
        var id = Guid.Parse((await link.GetAttributeAsync("href"))!.Split('/')[^1]);
        await link.ClickAsync();
        await LoadedAsync(page.Locator("#image-demande img"));

        // The committee sees it on the case page, with its description.
        var caseId = await platform.CaseOfAsync(id);
        var committee = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, $"/mon-espace/dossiers/{caseId}");
        var seen = committee.Locator("#image-demande img");
        await LoadedAsync(seen);
        await Assertions.Expect(seen).ToHaveAttributeAsync("alt", "Un fondeur verse du bronze en fusion dans un moule");
        await BrowserFixture.AccessibleAsync(committee);

        using var reviewer = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.GersReviewer));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new { decision = "label" })).StatusCode);
        using var anonymous = await platform.ClientAsync();
        await Eventually.Until(() => anonymous.GetAsync($"/api/catalogue/events/{id}"), r => r.StatusCode == HttpStatusCode.OK, "the labelled event");

        var visitor = await browser.PageAsync(platform.Gateway);
        await visitor.GotoAsync($"/evenements/{id}");
        var picture = visitor.Locator(".event__picture img");
        await LoadedAsync(picture);
        await Assertions.Expect(picture).ToHaveAttributeAsync("alt", "Un fondeur verse du bronze en fusion dans un moule");
        await Assertions.Expect(picture).ToHaveAttributeAsync("width", "1200");
        await Assertions.Expect(picture).ToHaveAttributeAsync("height", "900");
        await BrowserFixture.AccessibleAsync(visitor);
        await browser.ScreenshotAsync(visitor, "web-event-picture");

        await visitor.GotoAsync($"/?q={word}");
        await LoadedAsync(visitor.Locator($".event-card[data-id='{id}'] .event-card__picture"));
        await BrowserFixture.AccessibleAsync(visitor);
    }
}
