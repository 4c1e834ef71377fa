using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The administrators' pages in a real browser: a regional administrator runs the Occitanie committee
/// (invite, move, revoke — through the identity service); the DGE reads the national dashboard.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class AdministrationPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task A_regional_admin_invites_moves_and_revokes_a_committee_member_and_a_reviewer_cannot()
    {
        var admin = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.RegionalAdmin, "/mon-espace/comites");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Comité de labellisation — Occitanie" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator($"tr[data-membre='{DevelopmentAccounts.GersReviewer}']")).ToContainTextAsync("Gers (32)");

        var email = $"tarn-{Guid.NewGuid():N}@direccte.test";
        await admin.GetByLabel("Adresse électronique professionnelle").FillAsync(email);
        await admin.Locator("#departements").SelectOptionAsync("81");
        await BrowserFixture.AccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("L'invitation est envoyée.");

        using (var invited = new Person(platform.Gateway))
        {
            var link = (await Mailbox.NextAsync(email)).Link(platform.Gateway + "compte/invitation");
            var accepted = await invited.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Name"] = "Camille Tarn", ["Password"] = "le comité du Tarn se réunit" });
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        await admin.ReloadAsync();
        var row = admin.Locator($"tr[data-membre='{email}']");
        await Assertions.Expect(row).ToContainTextAsync("Tarn (81)");
        await browser.ScreenshotAsync(admin, "web-admin-committee");

        await row.GetByLabel("Départements de Camille Tarn").SelectOptionAsync(["81", "82"]);
        await row.GetByRole(AriaRole.Button, new() { Name = "Enregistrer pour Camille Tarn" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Les départements du membre sont changés.");
        await Assertions.Expect(admin.Locator($"tr[data-membre='{email}']")).ToContainTextAsync("Tarn-et-Garonne (82)");

        await admin.Locator($"tr[data-membre='{email}']").GetByRole(AriaRole.Button, new() { Name = "Retirer Camille Tarn" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Le membre ne siège plus au comité.");
        await Assertions.Expect(admin.Locator($"tr[data-membre='{email}']")).ToHaveCountAsync(0);

        // Another région's committee is not this administrator's; a reviewer administers nothing.
        var elsewhere = await admin.GotoAsync("/mon-espace/comites?region=75");
        Assert.Equal(403, elsewhere!.Status);
        var reviewer = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.NouvelleAquitaineReviewer, "/mon-espace/comites");
        await Assertions.Expect(reviewer.Locator("#refus")).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(reviewer);
    }

    [Fact]
    public async Task The_national_dashboard_shows_the_week_by_region_committee_and_sector_in_charts_tables_and_csv()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "dashboard", OrganisationId: "org-dashboard-" + run));
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Portes ouvertes " + run));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<SubmissionView>()).Id;
        await Eventually.Until(() => platform.QueryAsync<SemaineIndustrie.LabellingReview.ServiceMarker, SemaineIndustrie.LabellingReview.ReviewDbContext, bool>(
            db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Cases, c => c.SubmissionId == id)), found => found, "the case");
        using var review = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
        var statistics = await review.GetAsync<ReviewStatistics>("/api/review/statistics");
        var occitanie = statistics.Regions.Single(r => r.Region == "76");

        var dge = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.NationalAdmin, "/mon-espace/tableau-de-bord");
        await Assertions.Expect(dge.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de la labellisation" })).ToBeVisibleAsync();
        var row = dge.Locator("#regions tr[data-region='76']");
        await Assertions.Expect(row).ToContainTextAsync("Occitanie");
        var received = int.Parse(await row.Locator("td").First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(received >= occitanie.Received, $"{received} on the page, {occitanie.Received} a moment before");
        await Assertions.Expect(dge.Locator("#comites tr[data-departement='32']")).ToBeVisibleAsync();
        await Assertions.Expect(dge.Locator("#filieres tr[data-filiere='aeronautique']")).ToBeVisibleAsync();
        await Assertions.Expect(dge.Locator("bar-chart canvas").First).ToBeVisibleAsync(); // the DSFR chart drew (same numbers as the tables)
        await BrowserFixture.AccessibleAsync(dge);
        await browser.ScreenshotAsync(dge, "web-admin-dashboard");

        var download = await dge.RunAndWaitForDownloadAsync(() => dge.Locator("#export").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("\uFEFFtableau,region,departement,filiere,nom,recus,", csv);
        Assert.Contains("\nregion,76,,,Occitanie,", csv);
        Assert.Contains("\ncomite,76,32,,Gers,", csv);
        Assert.Contains("\nfiliere,,,aeronautique,", csv);

        // Another edition: its own figures (none yet for 2019), compared with the previous one at the same days before its week.
        await Assertions.Expect(dge.Locator("#annee")).ToHaveValueAsync("2018"); // the current edition by default
        await dge.Locator("#annee").SelectOptionAsync("2019");
        await dge.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(dge.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de la labellisation — édition 2019" })).ToBeVisibleAsync();
        await Assertions.Expect(dge.Locator("#regions tr[data-region='76']")).ToHaveCountAsync(0);
        await Assertions.Expect(dge.GetByRole(AriaRole.Table, new() { Name = "2019 contre 2018" })).ToBeVisibleAsync(); // named by the text above it
        await Assertions.Expect(dge.Locator("#annee-sur-annee tr[data-region='total']")).ToContainTextAsync("Total");
        await Assertions.Expect(dge.Locator("#export")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("annee=2019"));
        await BrowserFixture.AccessibleAsync(dge);

        // An organiser has no dashboard.
        var organiserPage = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace");
        var refused = await organiserPage.GotoAsync("/mon-espace/tableau-de-bord");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(organiserPage.Locator("#refus")).ToBeVisibleAsync();
        Assert.Equal(403, (await organiserPage.GotoAsync("/mon-espace/modeles"))!.Status);
    }
}
