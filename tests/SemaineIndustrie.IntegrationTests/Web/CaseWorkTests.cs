using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The workbench in a real browser, beyond deciding: the committee's motivation templates, a case worked
/// from the keyboard with a note and the venue's pin moved, the list filtered and exported as CSV.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class CaseWorkTests(Platform platform, BrowserFixture browser)
{
    private async Task<Guid> GersCaseAsync(HttpClient organiser, string title)
    {
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        return await platform.CaseOfAsync(id);
    }

    private static async Task ReloadUntilVisibleAsync(IPage page, string selector, string what) =>
        await Eventually.Until(async () =>
        {
            if (await page.Locator(selector).CountAsync() > 0) return true;
            await page.ReloadAsync();
            return false;
        }, what);

    [Fact]
    public async Task A_Gers_reviewer_works_cases_from_the_keyboard_with_a_template_a_note_and_a_moved_pin()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "case-work", OrganisationId: "org-case-work-" + run));
        var first = await GersCaseAsync(organiser, "Visite de la fonderie " + run);
        var second = await GersCaseAsync(organiser, "Atelier payant de soudure " + run);

        // The committee's templates: one added (a bad one shows the field at fault).
        var gers = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, "/mon-espace/modeles");
        await Assertions.Expect(gers.GetByRole(AriaRole.Heading, new() { Name = "Modèles de motivation du comité" })).ToBeVisibleAsync();
        await gers.GetByLabel("Texte").FillAsync("Sans intitulé.");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Ajouter le modèle" }).ClickAsync();
        await Assertions.Expect(gers.Locator("#titre-erreur")).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(gers);
        var template = "Payant " + run;
        await gers.GetByLabel("Intitulé").FillAsync(template);
        await gers.GetByLabel("Texte").FillAsync("L'événement doit être gratuit pour le public : c'est une condition du label.");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Ajouter le modèle" }).ClickAsync();
        await Assertions.Expect(gers.GetByRole(AriaRole.Status)).ToContainTextAsync("Le modèle est ajouté.");
        await Assertions.Expect(gers.Locator("#modeles")).ToContainTextAsync(template);
        await browser.ScreenshotAsync(gers, "web-reviewer-templates");

        // The first case: the venue located, its pin moved by hand, a note, claimed with "p", labelled with "l" + Enter.
        await gers.GotoAsync($"/mon-espace/dossiers/{first}");
        await ReloadUntilVisibleAsync(gers, "#venue-map .leaflet-marker-icon", "the venue on the map");
        await Assertions.Expect(gers.Locator("#verifications")).ToContainTextAsync("Gratuit pour le public — L'événement est gratuit.");
        await Assertions.Expect(gers.Locator("#verifications")).ToContainTextAsync("Filières : Aéronautique et spatial.");
        await Assertions.Expect(gers.Locator("#verifications")).ToContainTextAsync("Du 27/03/2018 au 27/03/2018 ; l'édition 2018 : du 26/03/2018 au 01/04/2018.");
        var latitude = await gers.GetByLabel("Latitude").InputValueAsync();
        var pin = (await gers.Locator("#venue-map .leaflet-marker-icon").BoundingBoxAsync())!;
        await gers.Mouse.MoveAsync(pin.X + pin.Width / 2, pin.Y + pin.Height - 4);
        await gers.Mouse.DownAsync();
        await gers.Mouse.MoveAsync(pin.X + pin.Width / 2 + 30, pin.Y + pin.Height + 36, new() { Steps = 8 });
        await gers.Mouse.UpAsync();
        await Assertions.Expect(gers.GetByLabel("Latitude")).Not.ToHaveValueAsync(latitude);
        await BrowserFixture.AccessibleAsync(gers);
        await gers.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la position" }).ClickAsync();
        await Assertions.Expect(gers.GetByRole(AriaRole.Status)).ToContainTextAsync("La position du lieu est corrigée.");
        await Assertions.Expect(gers.Locator("#localisation")).ToContainTextAsync("corrigée à la main par vous");

        await gers.GetByLabel("Ajouter une note").FillAsync("Accès PMR par l'entrée nord, à confirmer par téléphone.");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Ajouter la note" }).ClickAsync();
        await Assertions.Expect(gers.Locator("#notes")).ToContainTextAsync("Accès PMR par l'entrée nord");

        await gers.Keyboard.PressAsync("p");
        await Assertions.Expect(gers.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous avez pris le dossier.");
        await Assertions.Expect(gers.Locator("#prise")).ToContainTextAsync("Vous avez pris ce dossier jusqu'au");
        await BrowserFixture.AccessibleAsync(gers);
        await browser.ScreenshotAsync(gers, "web-reviewer-case");
        await gers.Keyboard.PressAsync("l");
        await Assertions.Expect(gers.Locator("#decision-label")).ToBeCheckedAsync();
        await gers.Keyboard.PressAsync("Enter");
        await Assertions.Expect(gers.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre décision est enregistrée.");
        await Assertions.Expect(gers.Locator("#statut")).ToContainTextAsync("Labellisé");
        var trail = gers.Locator("#historique");
        foreach (var step in new[] { "Dossier ouvert", "Note ajoutée", "Dossier pris", "Label accordé" })
            await Assertions.Expect(trail).ToContainTextAsync(step);

        // A colleague holds the second case: their name says who; once released, it is refused with the template.
        using var colleague = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.OccitanieReviewer));
        Assert.Equal(HttpStatusCode.OK, (await colleague.PostAsync($"/api/review/cases/{second}/claim", null)).StatusCode);
        await gers.GotoAsync($"/mon-espace/dossiers/{second}");
        await Assertions.Expect(gers.Locator("#prise")).ToContainTextAsync("DIRECCTE Occitanie a pris ce dossier jusqu'au");
        Assert.Equal(HttpStatusCode.NoContent, (await colleague.PostAsync($"/api/review/cases/{second}/release", null)).StatusCode);
        await gers.ReloadAsync();
        await Assertions.Expect(gers.Locator("#historique")).ToContainTextAsync("DIRECCTE Occitanie");
        await gers.Keyboard.PressAsync("p");
        await Assertions.Expect(gers.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous avez pris le dossier.");
        await gers.Locator("label[for='decision-refuse']").ClickAsync();
        await gers.GetByLabel("Modèle de motivation du comité").SelectOptionAsync(new SelectOptionValue { Label = template });
        await Assertions.Expect(gers.GetByLabel("Motivation ou message à l'organisateur")).ToHaveValueAsync("L'événement doit être gratuit pour le public : c'est une condition du label.");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(gers.Locator("#decision")).ToContainTextAsync("doit être gratuit pour le public");
        if (await gers.Locator("#suivant").CountAsync() > 0)
        {
            var next = await gers.Locator("#suivant").GetAttributeAsync("href");
            await gers.Keyboard.PressAsync("j");
            await Assertions.Expect(gers).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(next!) + "$"));
        }

        // The organiser's side agrees: one labelled, one refused with the template's words.
        var refused = await Eventually.Until(async () => (await organiser.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/submissions?limit=100"))
            .GetProperty("items").EnumerateArray().Count(i => i.GetProperty("title").GetString()!.EndsWith(run, StringComparison.Ordinal) && i.GetProperty("status").GetString() is "labelled" or "refused"),
            n => n == 2, "both decisions at the organiser's");
    }

    [Fact]
    public async Task The_list_filters_by_sector_and_day_and_exports_what_it_shows_as_safe_csv()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "export", OrganisationId: "org-export-" + run));
        var hostile = "=HYPERLINK(\"http://evil.example\";\"clic\") " + run;
        var plain = await GersCaseAsync(organiser, "Journée de l'aéronautique " + run);
        var tricky = await GersCaseAsync(organiser, hostile);

        var gers = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers");
        await gers.GetByLabel("Filière").SelectOptionAsync("aeronautique");
        await gers.GetByLabel("Jour de l'événement").FillAsync("2018-03-27");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await ReloadUntilVisibleAsync(gers, $"tr[data-id='{tricky}']", "the cases in the filtered list");
        Assert.Contains("filiere=aeronautique", gers.Url);
        Assert.Contains("jour=2018-03-27", gers.Url);
        await Assertions.Expect(gers.Locator($"tr[data-id='{plain}']")).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(gers);
        await browser.ScreenshotAsync(gers, "web-reviewer-list-filtered");

        var download = await gers.RunAndWaitForDownloadAsync(() => gers.Locator("#export").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("\uFEFFdossier,evenement,", csv);
        Assert.Contains($"{plain},Journée de l'aéronautique {run},Auch,32,2018-03-27,", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\") " + run + "\"", csv); // a formula no more
        Assert.DoesNotContain("\n=HYPERLINK", csv);

        await gers.GetByLabel("Jour de l'événement").FillAsync("2018-03-30");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(gers.Locator($"tr[data-id='{plain}']")).ToHaveCountAsync(0);
    }
}
