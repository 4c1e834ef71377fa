using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>The reviewers' pages in a real browser: several cases decided at once, and a committee of another région that sees nothing of the Gers.</summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class WorkbenchTests(Platform platform, BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(string email, string returnTo) => browser.SignedInPageAsync(platform.Gateway, email, returnTo);

    private async Task<(Guid Submission, Guid Case, string Title)> GersCaseAsync(HttpClient organiser, string title)
    {
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        var caseId = await platform.CaseOfAsync(id);
        return (id, caseId, title);
    }

    [Fact]
    public async Task The_Gers_committee_decides_two_cases_at_once_and_another_region_sees_neither()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "bulk", OrganisationId: "org-bulk-" + run));
        var first = await GersCaseAsync(organiser, "Découverte de la robotique " + run);
        var second = await GersCaseAsync(organiser, "Conférence sur l'aéronautique " + run);

        var gers = await SignedInAsync(DevelopmentAccounts.GersReviewer, "/mon-espace/dossiers?departement=32");
        await Assertions.Expect(gers.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        await Eventually.Until(async () =>
        {
            if (await gers.Locator($"tr[data-id='{second.Case}']").CountAsync() > 0 && await gers.Locator($"tr[data-id='{first.Case}']").CountAsync() > 0) return true;
            await gers.ReloadAsync();
            return false;
        }, "both cases in the Gers queue");
        // The DSFR draws the box from the label, whose text is for screen readers only: tick the inputs themselves.
        await gers.Locator($"#case-{first.Case}").CheckAsync(new() { Force = true });
        await gers.Locator($"#case-{second.Case}").CheckAsync(new() { Force = true });
        await BrowserFixture.AccessibleAsync(gers);
        await gers.GetByLabel("Décision").SelectOptionAsync("label");
        await gers.GetByRole(AriaRole.Button, new() { Name = "Décider pour la sélection" }).ClickAsync();
        await Assertions.Expect(gers.Locator("#resultats")).ToContainTextAsync("2 dossier(s) décidé(s) sur 2.");
        await Assertions.Expect(gers.Locator("#resultats")).ToContainTextAsync(first.Title + " : Labellisé");
        // The committee's queues with their counts: only the Gers for this committee, its decided count includes these two.
        Assert.Equal(["32"], await gers.Locator("#files tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.departement)"));
        Assert.True(int.Parse(await gers.Locator("#files tbody tr td").Nth(4).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await browser.ScreenshotAsync(gers, "web-reviewer-bulk");

        var elsewhere = await SignedInAsync(DevelopmentAccounts.NouvelleAquitaineReviewer, "/mon-espace/dossiers?statut=all");
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        Assert.Equal(0, await elsewhere.Locator($"tr[data-id='{first.Case}'], tr[data-id='{second.Case}']").CountAsync());
        var direct = await elsewhere.GotoAsync($"/mon-espace/dossiers/{first.Case}");
        Assert.Equal(404, direct!.Status);
    }
}
