using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// The conversation on the pages: the organiser asks from the demand's page, the committee member reads it on the case page —
/// where the internal notes are a separate, marked section — and answers; the organiser's list shows the unread answer.
/// </summary>
[Collection(SignedInPagesCollection.Name)]
public sealed class ConversationPagesTests(Platform platform, BrowserFixture browser)
{
    [Fact]
    public async Task The_organiser_asks_on_the_demand_page_and_reads_the_committee_s_answer()
    {
        var title = "Atelier de chaudronnerie " + Guid.NewGuid().ToString("N")[..6];
        using (var api = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser)))
        {
            var created = await api.PostAsJsonAsync("/api/submissions", Samples.Submission(title));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var organiser = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.Organiser, "/mon-espace/demandes");
        await organiser.Locator("table.demandes").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var id = Guid.Parse(organiser.Url.Split('/')[^1].Split('?')[0]);
        var caseId = await platform.CaseOfAsync(id);
        await organiser.ReloadAsync(); // the case is open: the conversation is available
        await organiser.GetByLabel("Votre message au comité").FillAsync("Bonjour,\nfaut-il prévoir des chaussures de sécurité ?");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Envoyer le message" }).ClickAsync();
        await Assertions.Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre message est envoyé au comité");
        await Assertions.Expect(organiser.Locator("#messages li")).ToContainTextAsync("Pas encore lu par le comité");
        await BrowserFixture.AccessibleAsync(organiser);

        var committee = await browser.SignedInPageAsync(platform.Gateway, DevelopmentAccounts.GersReviewer, $"/mon-espace/dossiers/{caseId}");
        await Assertions.Expect(committee.Locator("#echanges #messages")).ToContainTextAsync("faut-il prévoir des chaussures de sécurité ?");
        await Assertions.Expect(committee.Locator("#notes-titre")).ToHaveTextAsync("Notes internes du comité");
        await committee.GetByLabel("Votre message à l'organisateur").FillAsync("Oui, pour la visite de l'atelier de soudure.");
        await committee.GetByRole(AriaRole.Button, new() { Name = "Envoyer le message" }).ClickAsync();
        await Assertions.Expect(committee.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre message est envoyé à l'organisateur");
        await Assertions.Expect(committee.Locator("#messages li").Last).ToContainTextAsync("Pas encore lu par l'organisateur");
        await BrowserFixture.AccessibleAsync(committee);
        await browser.ScreenshotAsync(committee, "web-case-conversation");

        await organiser.GotoAsync("/mon-espace/demandes");
        var unread = organiser.Locator($"tr[data-id='{id}'] .message-non-lu");
        await Assertions.Expect(unread).ToHaveTextAsync("1 message du comité");
        await BrowserFixture.AccessibleAsync(organiser);
        await unread.ClickAsync();
        await Assertions.Expect(organiser.Locator("#messages")).ToContainTextAsync("Oui, pour la visite de l'atelier de soudure.");
        await Assertions.Expect(organiser.Locator("#messages li").First).ToContainTextAsync("Lu par le comité le");

        await committee.ReloadAsync(); // the organiser has read the answer
        await Assertions.Expect(committee.Locator("#messages li").Last).ToContainTextAsync("Lu par l'organisateur le");
    }
}
