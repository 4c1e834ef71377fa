using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>The change-request loop in a real browser: the Gers committee asks for changes, the organiser reads the message and revises, the committee labels.</summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class ChangeRequestLoopTests(Platform platform, BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(string email, string returnTo) => browser.SignedInPageAsync(platform.Gateway, email, returnTo);

    private async Task DecideAsync(IPage reviewer, Guid caseId, string decision, string? motivation = null)
    {
        await reviewer.GotoAsync($"/mon-espace/dossiers/{caseId}");
        if (await reviewer.GetByRole(AriaRole.Button, new() { Name = "Prendre le dossier" }).CountAsync() > 0)
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Prendre le dossier" }).ClickAsync();
        await reviewer.Locator($"label[for='decision-{decision}']").ClickAsync();
        if (motivation is not null) await reviewer.GetByLabel("Motivation ou message à l'organisateur").FillAsync(motivation);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre décision est enregistrée.");
    }

    [Fact]
    public async Task The_committee_asks_for_changes_the_organiser_revises_and_the_committee_labels()
    {
        var title = "Forum des métiers de la mécanique " + Guid.NewGuid().ToString("N")[..6];
        using var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        var created = await api.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submissionId = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(submissionId);

        var reviewer = await SignedInAsync(DevelopmentAccounts.GersReviewer, "/mon-espace");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        await DecideAsync(reviewer, caseId, "request_changes", "Précisez l'accueil des personnes à mobilité réduite.");
        await Assertions.Expect(reviewer.Locator("#statut")).ToContainTextAsync("Modifications demandées");

        var organiser = await SignedInAsync(DevelopmentAccounts.Organiser, $"/mon-espace/demandes/{submissionId}");
        await Eventually.Until(async () =>
        {
            if (await organiser.Locator("#message-comite").CountAsync() > 0) return true;
            await organiser.ReloadAsync();
            return false;
        }, "the committee's message on the organiser's page");
        await Assertions.Expect(organiser.Locator("#message-comite")).ToContainTextAsync("mobilité réduite");
        await Assertions.Expect(organiser.Locator("#etat")).ToContainTextAsync("Modifications demandées");
        await BrowserFixture.AccessibleAsync(organiser);
        await browser.ScreenshotAsync(organiser, "web-organiser-changes-requested");

        await organiser.GetByRole(AriaRole.Link, new() { Name = "Modifier la demande" }).ClickAsync();
        await Assertions.Expect(organiser.GetByLabel("Titre")).ToHaveValueAsync(title); // prefilled with the current version
        await organiser.GetByLabel("Description").FillAsync("Visite guidée des ateliers, accessible en fauteuil par l'entrée nord ; accueil PMR au parking.");
        await BrowserFixture.AccessibleAsync(organiser);
        await browser.ScreenshotAsync(organiser, "web-organiser-revise");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande modifiée" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande modifiée est envoyée au comité.");

        // The revised version is back in the queue; the committee labels it.
        await Eventually.Until(async () =>
        {
            await reviewer.GotoAsync($"/mon-espace/dossiers/{caseId}");
            return (await reviewer.Locator("#statut").InnerTextAsync()).Contains("À instruire", StringComparison.Ordinal);
        }, "the revised version in the queue");
        await DecideAsync(reviewer, caseId, "label");
        await Assertions.Expect(reviewer.Locator("#statut")).ToContainTextAsync("Labellisé");
        await Eventually.Until(async () => (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/submissions/{submissionId}")).GetProperty("status").GetString() == "labelled",
            "the organiser's submission labelled");

        // The organiser's timeline tells the whole story; the event is repeated on another day from it.
        await organiser.GotoAsync($"/mon-espace/demandes/{submissionId}");
        var timeline = organiser.Locator("#historique li");
        await Assertions.Expect(timeline.First).ToContainTextAsync("Déposée");
        await Assertions.Expect(organiser.Locator("#historique")).ToContainTextAsync("« Précisez l'accueil des personnes à mobilité réduite. »");
        await Assertions.Expect(timeline.Last).ToContainTextAsync("Labellisée");
        await Assertions.Expect(timeline.Last).ToContainTextAsync("version 2");
        await BrowserFixture.AccessibleAsync(organiser);
        await browser.ScreenshotAsync(organiser, "web-organiser-timeline");

        await organiser.GetByRole(AriaRole.Link, new() { Name = "Dupliquer (autre date ou autre lieu)" }).ClickAsync();
        await Assertions.Expect(organiser.Locator("#duplication")).ToBeVisibleAsync();
        await Assertions.Expect(organiser.GetByLabel("Titre")).ToHaveValueAsync(title);
        await organiser.GetByLabel("Début").FillAsync("2018-03-29T14:00");
        await organiser.GetByLabel("Fin").FillAsync("2018-03-29T17:00");
        await BrowserFixture.AccessibleAsync(organiser);
        await browser.ScreenshotAsync(organiser, "web-organiser-duplicate");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        var mine = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/submissions?limit=100");
        var copies = mine.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("title").GetString() == title).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Contains(copies, c => c.GetProperty("id").GetGuid() != submissionId && c.GetProperty("startsAt").GetDateTimeOffset().Day == 29);
    }
}
