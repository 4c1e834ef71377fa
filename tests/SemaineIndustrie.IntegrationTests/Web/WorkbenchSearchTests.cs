using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>The workbench list searched by words without accents, its filters kept as a named view that reopens them.</summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class WorkbenchSearchTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_reviewer_finds_a_case_by_its_commune_without_accents_and_reopens_the_search_as_a_saved_view()
    {
        var word = "Tonneaux" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Tonnellerie ouverte {word}";
        using (var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser)))
        {
            var request = Samples.Submission(title);
            request["venue"] = new JsonObject { ["name"] = "Tonnellerie", ["street"] = "1 place de l'Église", ["postalCode"] = "32160", ["commune"] = "Beaumarchés" };
            var created = await api.PostAsJsonAsync("/api/submissions", request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);
        }
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?statut=all");
        await page.GetByLabel("Rechercher").FillAsync($"beaumarches {word.ToLowerInvariant()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        await page.GetByLabel("Nom de la vue").FillAsync($"Vue {word}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer cette vue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#vues").GetByRole(AriaRole.Link, new() { Name = $"Vue {word}" })).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(page);

        await page.GotoAsync("/mon-espace/dossiers");
        await Assertions.Expect(page.GetByLabel("Rechercher")).ToHaveValueAsync("");
        await page.Locator("#vues").GetByRole(AriaRole.Link, new() { Name = $"Vue {word}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Rechercher")).ToHaveValueAsync($"beaumarches {word.ToLowerInvariant()}");
        await Assertions.Expect(page.Locator("#statut")).ToHaveValueAsync("all");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reviewer_sees_who_holds_what_and_takes_over_an_absent_colleague_s_cases()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using (var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "absence", OrganisationId: "org-absence-" + run)))
        using (var absent = await platform.ClientAsync(new DevTokenRequest("reviewer", "absent-" + run, Region: "76", Departements: ["32"])))
        {
            var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission($"Atelier en l'absence {run}"));
            var caseId = await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);
            Assert.Equal(HttpStatusCode.OK, (await absent.PostAsync($"/api/review/cases/{caseId}/claim", null)).StatusCode);
        }
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers");
        var row = page.Locator($"#charge tr[data-reviewer='absent-{run}']");
        await Assertions.Expect(row).ToContainTextAsync("1");
        await BrowserFixture.AccessibleAsync(page);
        await row.GetByRole(AriaRole.Button, new() { Name = "Reprendre ses dossiers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous avez repris 1 dossier(s).");
        await Assertions.Expect(page.Locator($"#charge tr[data-reviewer='absent-{run}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_reviewer_hands_a_case_to_a_named_colleague_of_the_committee_from_the_case_page()
    {
        var title = "Atelier à confier " + Guid.NewGuid().ToString("N")[..6];
        Guid caseId;
        using (var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser)))
        {
            var created = await api.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
            caseId = await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);
        }
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, $"/mon-espace/dossiers/{caseId}");
        var colleague = page.GetByLabel("Confier le dossier à un membre du comité");
        await Assertions.Expect(colleague.Locator("option", new() { HasText = "Moi-même" })).ToHaveCountAsync(1);
        await BrowserFixture.AccessibleAsync(page);
        // The Occitanie reviewer (a seat for the whole région) reviews the Gers too.
        var occitanie = colleague.Locator("option", new() { HasText = "DIRECCTE Occitanie" });
        await colleague.SelectOptionAsync(new SelectOptionValue { Value = await occitanie.GetAttributeAsync("value") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Confier le dossier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le dossier est confié");
        await Assertions.Expect(page.Locator("#prise")).ToContainTextAsync("DIRECCTE Occitanie a pris ce dossier");
        await Assertions.Expect(page.Locator("#historique")).ToContainTextAsync("Dossier confié");
    }

    [Fact]
    public async Task The_regional_dashboard_lists_a_case_overdue_by_five_working_days_as_signalled_to_the_national_team()
    {
        var title = "Atelier très en retard " + Guid.NewGuid().ToString("N")[..6];
        Guid caseId;
        using (var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser)))
        {
            var created = await api.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
            caseId = await platform.CaseOfAsync((await created.ReadAsync<SubmissionView>()).Id);
        }
        var dueAt = DateTimeOffset.Parse("2018-02-08T00:00:00+01:00"); // five working days before the domain's Thursday 15 February 2018
        await platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, int>(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.Cases.Where(c => c.Id == caseId), set => set.SetProperty(c => c.DueAt, dueAt)));
        var page = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.RegionalAdmin, "/mon-espace/tableau-de-bord");
        var row = page.Locator($"#escalades tr[data-case='{caseId}']");
        await Assertions.Expect(row).ToContainTextAsync("région et équipe nationale");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(page);
    }
}
