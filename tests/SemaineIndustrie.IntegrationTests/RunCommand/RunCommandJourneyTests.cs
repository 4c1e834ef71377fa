using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.RunCommand;

/// <summary>
/// What a newcomer gets from the README: <c>deploy/run.sh</c> with its defaults, then the platform used as people use it.
/// One test, in order, because each step needs the platform as the previous one left it: a fresh start first.
/// </summary>
[Collection(RunCommandCollection.Name)]
public sealed class RunCommandJourneyTests(RunCommandPlatform platform, BrowserFixture browser)
{
    /// <summary>What the run command printed (in a failure's message).</summary>
    private string RunOutput => platform.Output;

    private static readonly Uri Gateway = RunCommandPlatform.Gateway;

    [Fact]
    public async Task A_newcomer_runs_the_platform_and_every_seeded_person_signs_in_and_reaches_their_pages()
    {
        await EveryProcessAnswersItsFirstMistakeWithAProblem();
        await AFloodOfPublicReadsDoesNotStopTokensFromBeingAccepted();
        var (title, caseId) = await AnEventIsSubmittedLabelledAndPublishedAsTheReadmeShows();

        var organiser = await SignInFromTheMapAsync(DevelopmentAccounts.Organiser);
        await organiser.GotoAsync("/mon-espace/demandes");
        await Assertions.Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Mes demandes de label" })).ToBeVisibleAsync();
        await Assertions.Expect(organiser.Locator("main")).ToContainTextAsync(title);
        await organiser.GotoAsync("/mon-espace/demandes/nouvelle");
        await Assertions.Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Déclarer un événement" })).ToBeVisibleAsync();
        await BrowserFixture.AccessibleAsync(organiser);
        await SignOutAsync(organiser);

        var gers = await SignInFromTheMapAsync(DevelopmentAccounts.GersReviewer);
        await gers.GotoAsync("/mon-espace/dossiers");
        await Assertions.Expect(gers.GetByRole(AriaRole.Heading, new() { Name = "Dossiers de votre comité" })).ToBeVisibleAsync();
        await gers.GotoAsync($"/mon-espace/dossiers/{caseId}");
        await Assertions.Expect(gers.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(gers.Locator("#statut")).ToContainTextAsync("Labellisé");
        await BrowserFixture.AccessibleAsync(gers);
        await SignOutAsync(gers);

        var admin = await SignInFromTheMapAsync(DevelopmentAccounts.NationalAdmin);
        await admin.GotoAsync("/mon-espace/tableau-de-bord");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de la labellisation" })).ToBeVisibleAsync();
        await admin.GotoAsync("/mon-espace/comites?region=76");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Comité de labellisation — Occitanie" })).ToBeVisibleAsync();
        await SignOutAsync(admin);

        var map = await browser.PageAsync(Gateway);
        await map.GotoAsync("/");
        await Assertions.Expect(map.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(map, "run-command-map");
        Assert.DoesNotContain("a service stopped unexpectedly", RunOutput);
    }

    /// <summary>A process's first problem answer took a serialization path later ones do not (a 500 on every fresh pod).</summary>
    private static async Task EveryProcessAnswersItsFirstMistakeWithAProblem()
    {
        using var http = new HttpClient();
        // The reproduction: the publication service's first request, through the gateway.
        await ProblemAsync(http, new Uri(Gateway, "api/catalogue/events?limit=-1"), "limit");
        foreach (var (process, port) in RunCommandPlatform.Ports.Where(p => p.Key is not "publication" and not "web"))
        {
            await ProblemAsync(http, new Uri($"http://127.0.0.1:{port}/openapi/v1.json?q=%01"), "q");
        }
    }

    private static async Task ProblemAsync(HttpClient http, Uri address, string field)
    {
        using var answer = await http.GetAsync(address);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{address} → {(int)answer.StatusCode}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    /// <summary>
    /// Every visitor behind one address (here 127.0.0.1, on Kubernetes the ingress's) shares the public limit; the platform's
    /// own reads of the provider's discovery document and keys must not, or valid tokens are refused after a flood.
    /// </summary>
    private static async Task AFloodOfPublicReadsDoesNotStopTokensFromBeingAccepted()
    {
        using var visitor = new HttpClient { BaseAddress = Gateway };
        var limited = false;
        // 16 at a time: one after the other, a loaded 2-core machine (the whole suite beside it) answered fewer than the
        // 300 permits of a 10-second window, and the flood never was one.
        for (var i = 0; i < 2000 && !limited; i += 16)
        {
            // Each a different search: what the gateway already holds is answered before the limit, a miss reaches it.
            var reads = await Task.WhenAll(Enumerable.Range(i, 16).Select(async n =>
            {
                using var read = await visitor.GetAsync($"api/catalogue/events?limit=1&q=flood-{n}");
                return read.StatusCode;
            }));
            limited = reads.Contains(HttpStatusCode.TooManyRequests);
        }
        Assert.True(limited, "the public limit never answered 429");

        var token = await DevTokenAsync(DevelopmentAccounts.GersReviewer); // a token no process has seen
        foreach (var (api, name) in new[] { (Gateway, "the gateway"), (new Uri("http://127.0.0.1:8082/"), "the review service") })
        {
            using var reviewer = new HttpClient { BaseAddress = api };
            reviewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var queues = await reviewer.GetAsync("api/review/queues");
            Assert.True(queues.StatusCode == HttpStatusCode.OK,
                $"{name} refused a valid token after a public flood: {(int)queues.StatusCode} {queues.Headers.WwwAuthenticate}");
        }
        // The flood's window passes before people use the pages from the same address.
        await Eventually.Until(async () => (await visitor.GetAsync($"api/catalogue/events?limit=1&q=after-{Guid.NewGuid():N}")).StatusCode == HttpStatusCode.OK,
            "the public limit's window to pass", TimeSpan.FromSeconds(30));
    }

    /// <summary>The README's walkthrough: the Forges de Gascogne's system submits, the Gers committee labels, the catalogue shows it.</summary>
    private static async Task<(string Title, Guid CaseId)> AnEventIsSubmittedLabelledAndPublishedAsTheReadmeShows()
    {
        var title = "Portes ouvertes " + Guid.NewGuid().ToString("N")[..8];
        using var organisation = new HttpClient { BaseAddress = Gateway };
        using var credentials = await organisation.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = "submissions",
            ["client_id"] = DevelopmentAccounts.IntegrationClientId, ["client_secret"] = DevelopmentAccounts.IntegrationClientSecret,
        }));
        credentials.EnsureSuccessStatusCode();
        organisation.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await credentials.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        var example = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(PlatformSettings.RepositoryRoot(), "docs", "examples", "submission.json")))!;
        example["title"] = title;
        using var submitted = await organisation.PostAsJsonAsync("api/submissions", example);
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var submissionId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var gers = new HttpClient { BaseAddress = Gateway };
        gers.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await DevTokenAsync(DevelopmentAccounts.GersReviewer));
        var caseId = await Eventually.Until(async () =>
        {
            // Found by its title: the run command's databases may hold many Gers cases already (bench/workbench.sh adds 400).
            var page = await gers.GetFromJsonAsync<JsonElement>("api/review/cases?departement=32&limit=100&q=" + Uri.EscapeDataString(title));
            return page.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("submissionId").GetGuid() == submissionId)
                .Select(c => c.GetProperty("id").GetGuid()).FirstOrDefault();
        }, id => id != Guid.Empty, "the Gers committee's case", TimeSpan.FromSeconds(60));
        using var decided = await gers.PostAsJsonAsync($"api/review/cases/{caseId}/decision", new { decision = "label" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());

        using var anyone = new HttpClient { BaseAddress = Gateway };
        await Eventually.Until(async () => (await anyone.GetAsync($"api/catalogue/events/{submissionId}")).StatusCode == HttpStatusCode.OK,
            "the labelled event in the public catalogue", TimeSpan.FromSeconds(60));
        return (title, caseId);
    }

    /// <summary>"Se connecter" on the map, the identity service's form, back signed in — with no cookie expiring before the real now.</summary>
    private async Task<IPage> SignInFromTheMapAsync(string email)
    {
        var page = await browser.PageAsync(Gateway);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First.ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(DevelopmentAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mon-espace"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "si-web");
        Assert.All(cookies, c => Assert.True(c.Expires is -1 || c.Expires > now, $"{c.Name} expires {DateTimeOffset.FromUnixTimeSeconds((long)c.Expires):u}, before the real now"));
        return page;
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/mon-espace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "si-web");
        await page.Context.CloseAsync();
    }

    private static async Task<string> DevTokenAsync(string email)
    {
        using var identity = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8086/") };
        using var answer = await identity.PostAsJsonAsync("dev/tokens", new { email });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
