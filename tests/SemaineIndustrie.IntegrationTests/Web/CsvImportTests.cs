using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// A federation imports its events from a CSV in a real browser: the page shows, line by line, what the
/// submission API would refuse before anything is sent, sends the valid lines in one batch, and a second
/// import of the same file creates nothing twice.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class CsvImportTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_batch_import_with_two_bad_lines_shows_them_sends_the_rest_and_replays_on_a_second_import()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var header = "cle;titre;description;type;debut;fin;lieu;adresse;code_postal;commune;filieres;publics;gratuit;capacite;inscription_requise;inscription_url;inscription_email;inscription_telephone;accessible_fauteuil;accessibilite_details;organisme;organisme_type;siret;contact_nom;contact_email;contact_telephone";
        string Line(string key, string title, string postal = "32000", string free = "oui") =>
            $"{key};{title};Visite des ateliers et rencontre avec les apprentis.;openDay;27/03/2018 09:00;27/03/2018 12:00;Atelier;12 rue du Garros;{postal};Auch;aeronautique;jeunes,grand-public;{free};40;oui;https://example.org/inscription;;;oui;;Forges de Gascogne;company;;Camille Martin;camille.martin@example.org;0612345678";
        var csv = string.Join("\r\n", header,
            Line($"{run}-1", "Portes ouvertes de la forge " + run),
            Line($"{run}-2", "Visite de la fonderie " + run, postal: "99999"),
            Line($"{run}-3", "Atelier soudure " + run, free: "peut-être")) + "\r\n";

        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importer des événements" })).ToBeVisibleAsync();

        var template = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le modèle" }).ClickAsync());
        Assert.StartsWith("cle;titre;", (await File.ReadAllTextAsync(await template.PathAsync())).TrimStart('\uFEFF'));

        async Task UploadAsync()
        {
            await page.Locator("#fichier").SetInputFilesAsync(new FilePayload { Name = "evenements.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();
        }
        await UploadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 ligne(s) prête(s) sur 3. Rien n'a encore été envoyé.");
        await Assertions.Expect(page.Locator("tr[data-line='3']")).ToContainTextAsync("code_postal"); // the API's rule, against its column
        await Assertions.Expect(page.Locator("tr[data-line='4']")).ToContainTextAsync("gratuit");
        await Assertions.Expect(page.Locator("tr[data-line='2']")).ToContainTextAsync("à envoyer");
        await BrowserFixture.AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "web-import-checked");

        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer les 1 ligne(s) prête(s)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 ligne(s) envoyée(s), 0 déjà envoyée(s), 2 à corriger");

        await UploadAsync();
        await Assertions.Expect(page.Locator("tr[data-line='2']")).ToContainTextAsync("déjà envoyée");
        using var organiser = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        var mine = await organiser.GetStringAsync("/api/submissions?limit=100");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(mine, "Portes ouvertes de la forge " + run));
        Assert.DoesNotContain("Visite de la fonderie " + run, mine);
    }
}
