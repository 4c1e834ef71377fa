using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// A second edition, end to end, with no configuration change or restart: the national team opens it from the pages with a
/// national focus; an organiser carries a demand of 2018 over into it ("Reconduire": the same weekday of the new week, the
/// sectors the new edition still has); the Gers committee finds it in that edition's queue and labels it; the new edition's
/// map shows it (and its focus filter), the 2018 map still shows the 2018 event. The year (2045) is far from the demo's so
/// that the other tests' 2018 and 2019 stay as they are; its window is open at the platform's clock (15 February 2018).
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class EditionJourneyTests(Platform platform, BrowserFixture browser)
{
    private const int Year = 2045;

    [Fact]
    public async Task The_national_team_opens_an_edition_an_organiser_carries_a_2018_demand_over_the_Gers_labels_it_and_each_edition_keeps_its_map()
    {
        var word = "Reconduite" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Portes ouvertes de la fonderie {word}";
        var past = await LabelledIn2018Async(title);

        // The national team opens the edition from the pages, with a national focus and a sector 2018 did not have.
        var dge = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.NationalAdmin, "/mon-espace/editions/fiche");
        await dge.GetByLabel("Année").FillAsync($"{Year}");
        await dge.GetByLabel("Numéro de l'édition").FillAsync("35");
        await dge.GetByLabel("Nom").FillAsync($"Semaine de l'Industrie {Year}");
        await dge.GetByLabel("Thème").FillAsync("Les femmes et les hommes de l'industrie");
        await dge.GetByLabel("Premier jour de la semaine").FillAsync($"{Year}-03-20"); // a Monday
        await dge.GetByLabel("Dernier jour de la semaine").FillAsync($"{Year}-03-26");
        await dge.GetByLabel("Ouverture du dépôt").FillAsync("2018-02-01T00:00");
        await dge.GetByLabel("Clôture du dépôt (avant le premier jour)").FillAsync($"{Year}-03-06T23:59");
        await dge.Locator("#sectors").FillAsync("aeronautique | Aéronautique et spatial\nhydrogene | Hydrogène");
        await dge.Locator("#audiences").FillAsync("grand-public | Grand public | public\njeunes | Jeunes | public");
        await dge.Locator("#focusTags").FillAsync("mixite | Mixité dans l'industrie");
        await dge.GetByRole(AriaRole.Button, new() { Name = "Créer l'édition (brouillon)" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Status)).ToContainTextAsync("en brouillon");
        await dge.GetByRole(AriaRole.Button, new() { Name = $"Publier l'édition {Year}" }).ClickAsync();
        await Assertions.Expect(dge.Locator($"#edition-{Year}")).ToContainTextAsync("Publiée");

        // The organiser's history across years offers to carry the 2018 demand over.
        var organiser = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/demandes");
        var row = organiser.Locator("#demandes-2018 tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Labellisé");
        await BrowserFixture.AccessibleAsync(organiser);
        await row.GetByRole(AriaRole.Link, new() { Name = "Reconduire" }).ClickAsync();
        await Assertions.Expect(organiser.Locator("#reconduction")).ToContainTextAsync($"Reconduite de l'édition 2018 à l'édition {Year}");
        await Assertions.Expect(organiser.Locator("#reconduction-retraits")).ToContainTextAsync("Chimie"); // not a sector of the new edition
        await Assertions.Expect(organiser.GetByLabel("Titre")).ToHaveValueAsync(title);
        await Assertions.Expect(organiser.GetByLabel("Début")).ToHaveValueAsync($"{Year}-03-21T09:00"); // Tuesday 27 March 2018 → Tuesday of the new week
        await Assertions.Expect(organiser.GetByLabel("Fin")).ToHaveValueAsync($"{Year}-03-21T12:00");
        await Assertions.Expect(organiser.GetByLabel("Nom du lieu")).ToHaveValueAsync("Fonderie d'Auch");
        await Assertions.Expect(organiser.Locator("#sectors-aeronautique")).ToBeCheckedAsync();
        await Assertions.Expect(organiser.Locator("#audiences-jeunes")).ToBeCheckedAsync();
        await organiser.Locator("label[for='focusTags-mixite']").ClickAsync();
        await Assertions.Expect(organiser.Locator("#focusTags-mixite")).ToBeCheckedAsync();
        await BrowserFixture.AccessibleAsync(organiser);
        await browser.ScreenshotAsync(organiser, "web-organiser-carry-over");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est déposée");
        var carried = organiser.Locator($"#demandes-{Year} tr", new() { HasText = title });
        await Assertions.Expect(carried).ToContainTextAsync("21/03/2045 09:00");
        var carriedId = Guid.Parse((await carried.GetAttributeAsync("data-id"))!);
        Assert.NotEqual(past, carriedId); // a new demand, reviewed as such

        // The Gers committee finds it in the new edition's queue, not in 2018's, and labels it.
        var reviewer = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, $"/mon-espace/dossiers?annee={Year}&departement=32");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = $"édition {Year}" })).ToBeVisibleAsync();
        var link = reviewer.GetByRole(AriaRole.Link, new() { Name = title });
        await Eventually.Until(async () =>
        {
            if (await link.CountAsync() > 0) return true;
            await reviewer.ReloadAsync();
            return false;
        }, "the carried-over case in the new edition's Gers queue");
        await BrowserFixture.AccessibleAsync(reviewer);
        await browser.ScreenshotAsync(reviewer, "web-reviewer-queue-edition");
        await link.ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Prendre le dossier" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous avez pris le dossier.");
        await reviewer.Locator("label[for='decision-label']").ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator("#statut")).ToContainTextAsync("Labellisé");
        await reviewer.GotoAsync($"/mon-espace/dossiers?annee={Year}&statut=all");
        var download = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.Locator("#export").ClickAsync()); // the edition's export
        Assert.Equal($"dossiers-{Year}-", download.SuggestedFilename[..14]);
        var csv = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length); // the header and the carried-over demand: nothing of 2018
        Assert.Contains(title, csv[1]);
        await reviewer.GotoAsync("/mon-espace/dossiers?departement=32"); // the current edition (2018) by default
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "édition 2018" })).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("#annee")).ToHaveValueAsync("2018");

        // Each edition keeps its map: the new one shows the carried-over event (and under its focus), 2018 its own.
        using var anonymous = await platform.ClientAsync();
        await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{carriedId}")).StatusCode == HttpStatusCode.OK,
            "the carried-over event in the public catalogue");
        var map = await browser.PageAsync(platform.Gateway);
        await map.GotoAsync($"/{Year}?q={word}");
        await Assertions.Expect(map.Locator($"#event-list li[data-id='{carriedId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator($"#event-list li[data-id='{past}']")).ToHaveCountAsync(0);
        await map.SelectOptionAsync("#f-focus", "mixite");
        await map.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(map).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("focus=mixite"));
        await Assertions.Expect(map.Locator($"#event-list li[data-id='{carriedId}']")).ToHaveCountAsync(1);
        await BrowserFixture.AccessibleAsync(map);
        await map.GotoAsync($"/2018?q={word}");
        await Assertions.Expect(map.Locator($"#event-list li[data-id='{past}']")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator($"#event-list li[data-id='{carriedId}']")).ToHaveCountAsync(0);
        await map.GotoAsync($"/evenements/{carriedId}");
        await Assertions.Expect(map.Locator(".focus-tag")).ToHaveTextAsync("Mixité dans l'industrie");
        await BrowserFixture.AccessibleAsync(map);
        await map.Context.CloseAsync();
    }

    /// <summary>A demand of the 2018 edition, labelled by the Gers committee (through the APIs): the one to carry over.</summary>
    private async Task<Guid> LabelledIn2018Async(string title)
    {
        using var organiser = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        var request = Samples.Submission(title);
        request["sectors"] = new System.Text.Json.Nodes.JsonArray("aeronautique", "chimie");
        request["venue"]!["name"] = "Fonderie d'Auch";
        var created = await organiser.PostAsJsonAsync("/api/submissions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);
        using var gers = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.GersReviewer));
        Assert.Equal(HttpStatusCode.OK, (await gers.PostAsJsonAsync($"/api/review/cases/{caseId}/decision", new DecisionRequest("label", null))).StatusCode);
        await Eventually.Until(async () => (await organiser.GetAsync<SubmissionView>($"/api/submissions/{id}")).Status == SubmissionStatus.Labelled,
            "the 2018 demand labelled");
        return id;
    }
}
