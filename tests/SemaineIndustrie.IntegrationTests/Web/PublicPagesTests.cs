using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Web;

/// <summary>
/// What the public sees, in a real browser (Debian's Chromium) through the gateway, on events that went
/// the whole way: submitted, labelled, geocoded, published. Every page passes axe with no serious or
/// critical violation, and leaves a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(Platform platform, BrowserFixture browser)
{
    private static readonly SemaphoreSlim StageOnce = new(1, 1);
    private static Dictionary<string, Guid>? staged;

    /// <summary>Six events across France (two in Auch, to make a cluster), labelled and on the map.</summary>
    private async Task<Dictionary<string, Guid>> StagedAsync()
    {
        await StageOnce.WaitAsync();
        try
        {
            if (staged is not null) return staged;
            using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "web", OrganisationId: "org-web"));
            using var admin = await platform.ClientAsync(new DevTokenRequest("admin", "dge"));
            var events = new Dictionary<string, Guid>();
            foreach (var (key, postal, commune, title) in new[]
            {
                ("auch", "32000", "Auch", "Portes ouvertes de l'atelier aéronautique"),
                ("auch-2", "32000", "Auch", "Atelier soudure pour les collégiens"),
                ("toulouse", "31000", "Toulouse", "Hackathon de l'industrie connectée"),
                ("lyon", "69001", "Lyon", "Visite de l'usine de chimie verte"),
                ("ajaccio", "20000", "Ajaccio", "Découverte de la construction navale"),
                ("lille", "59000", "Lille", "Journée du ferroviaire"),
            })
            {
                var body = Samples.Submission(title);
                body["venue"] = new JsonObject { ["name"] = "Site de " + commune, ["street"] = "1 rue de l'Industrie", ["postalCode"] = postal, ["commune"] = commune };
                body["description"] = "Visite guidée des ateliers.\nRencontre avec les apprentis.";
                var created = await organiser.PostAsJsonAsync("/api/submissions", body);
                events[key] = (await created.ReadAsync<SubmissionView>()).Id;
            }
            var cases = await Eventually.Until(async () => (await admin.CaseSummariesAsync()).Where(c => events.ContainsValue(c.SubmissionId) && c.Location == LocationStatus.Located).ToList(),
                c => c.Count == events.Count, "every case opened and located");
            var decided = await admin.PostAsJsonAsync("/api/review/cases/decisions", new { decisions = cases.Select(c => new { caseId = c.Id, decision = "label" }) });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            using var anonymous = await platform.ClientAsync();
            await Eventually.Until(async () => (await anonymous.GetFromJsonAsync<JsonElement>("/api/catalogue/stats")).GetProperty("total").GetInt32(),
                n => n >= events.Count, "every event on the map");
            return staged = events;
        }
        finally
        {
            StageOnce.Release();
        }
    }

    private static Task AccessibleAsync(IPage page) => BrowserFixture.AccessibleAsync(page);

    private static Task MapReadyAsync(IPage page) => page.Locator("#map[data-ready='true']").WaitForAsync(new() { Timeout = 15_000 });

    [Fact]
    public async Task The_map_shows_every_published_event_with_a_list_that_follows_it()
    {
        var events = await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway);
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        await MapReadyAsync(page);

        var listedAtFirst = await page.Locator("#event-list li").CountAsync();
        Assert.True(listedAtFirst >= events.Count);
        Assert.Contains(events.Count.ToString(), await page.Locator("#event-list-count").InnerTextAsync());
        var markers = await page.Locator(".leaflet-marker-icon").CountAsync();
        Assert.InRange(markers, 1, events.Count);                                        // some of them clustered
        Assert.True(await page.Locator(".marker-cluster").CountAsync() >= 1, "the two events in Auch form a cluster at this zoom");
        await AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "map");

        // A cluster opens on click: the map zooms in and, once it has drawn the new view, the list follows it.
        await page.Locator(".marker-cluster").First.ClickAsync();
        await page.WaitForFunctionAsync("() => new URL(location.href).searchParams.has('bbox')");
        await MapReadyAsync(page);
        var listed = await page.Locator("#event-list li").CountAsync();
        Assert.InRange(listed, 1, listedAtFirst - 1);
        Assert.Contains("bbox=", page.Url);                                              // the view is in the URL, to be shared
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filters_change_the_markers_and_the_list_and_stay_in_the_url()
    {
        var events = await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/carte");
        await page.SelectOptionAsync("#f-region", "94");                                   // Corse
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("region=94"));
        await MapReadyAsync(page);
        Assert.Equal(1, await page.Locator("#event-list li").CountAsync());
        Assert.Contains("construction navale", await page.Locator("#event-list").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".leaflet-marker-icon").CountAsync());
        Assert.Equal("94", await page.Locator("#f-region").InputValueAsync());

        await page.GotoAsync("/?q=hackathon");
        await MapReadyAsync(page);
        Assert.Equal(1, await page.Locator("#event-list li").CountAsync());
        await page.GotoAsync($"/?from=2018-04-02");
        Assert.Contains("Aucun", await page.Locator(".event-list").InnerTextAsync());
        Assert.True(events.Count > 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_event_page_shows_its_data_json_ld_and_a_calendar_that_parses()
    {
        var events = await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync($"/evenements/{events["toulouse"]}");
        Assert.Equal("Hackathon de l'industrie connectée", await page.Locator("h1").InnerTextAsync());
        var text = await page.Locator("article").InnerTextAsync();
        Assert.Contains("Toulouse", text);
        Assert.Contains("Rencontre avec les apprentis.", text);
        Assert.Contains("Accessible en fauteuil roulant", text);
        Assert.Equal("https://example.org/inscription", await page.GetByRole(AriaRole.Link, new() { Name = "S'inscrire" }).GetAttributeAsync("href"));

        var jsonLd = JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "").RootElement;
        Assert.Equal("Event", jsonLd.GetProperty("@type").GetString());
        Assert.Equal("Hackathon de l'industrie connectée", jsonLd.GetProperty("name").GetString());
        Assert.Equal("2018-03-27T09:00:00+02:00", jsonLd.GetProperty("startDate").GetString());
        Assert.StartsWith(platform.Gateway.ToString(), jsonLd.GetProperty("@id").GetString()); // the catalogue's one schema.org mapping, under the public address the run gives it
        await AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "event");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ajouter à mon agenda" }).ClickAsync());
        var calendar = ExportReaders.Calendar(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal("Hackathon de l'industrie connectée", Assert.Single(calendar.Events).Summary);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_event_that_is_not_published_is_a_404_page()
    {
        var page = await browser.PageAsync(platform.Gateway);
        var response = await page.GotoAsync($"/evenements/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Événement introuvable", await page.Locator("h1").InnerTextAsync());
        using var api = new HttpClient { BaseAddress = platform.Gateway };
        foreach (var format in new[] { "", ".ics", ".jsonld" })
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/catalogue/events/{Guid.NewGuid()}{format}")).StatusCode);
        var missing = await page.GotoAsync("/nulle-part");
        Assert.Equal(404, missing!.Status);
        await AccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_javascript_the_filtered_list_is_there()
    {
        await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway, javaScript: false);
        await page.GotoAsync("/?region=76");
        var items = await page.Locator("#event-list li a").AllInnerTextsAsync();
        Assert.Equal(3, items.Count);                                                         // Auch ×2, Toulouse
        Assert.Contains("Hackathon de l'industrie connectée", items);
        await page.Locator("#event-list li a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/evenements/"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_english_switch_translates_the_pages_and_is_remembered()
    {
        await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Map of labelled events"); // back from /langue/ on the translated map
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/langue/"));
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GotoAsync("/edition");
        Assert.StartsWith("The 2018 edition", await page.Locator("h1").InnerTextAsync());
        await AccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_edition_stays_browsable_with_its_own_events_and_figures_and_the_current_one_is_the_default()
    {
        var events = await StagedAsync(); // 2018 events
        // A past edition, as the national team would have published it a year before.
        using (var dge = await platform.ClientAsync(new DevTokenRequest(Email: SemaineIndustrie.Identity.Development.DevelopmentAccounts.NationalAdmin)))
        {
            var edition2017 = new EditionRequest(2017, 7, "Semaine de l'Industrie 2017", "Industrie et innovation", new DateOnly(2017, 3, 20), new DateOnly(2017, 3, 26),
                new DateTimeOffset(2016, 10, 3, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2017, 3, 6, 23, 59, 0, TimeSpan.FromHours(1)),
                [new CodeLabel("bois", "Bois")], [new Audience("grand-public", "Grand public", true)]);
            var created = await dge.PostAsJsonAsync("/api/editions", edition2017);
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, created.StatusCode.ToString()); // once per platform
            Assert.Equal(HttpStatusCode.OK, (await dge.PostAsync("/api/editions/2017/publication", null)).StatusCode);
        }
        // A 2017 event, as the services carried it that year (its window is closed now: no API can stage it).
        var past = Guid.NewGuid();
        var details = new EventDetails(new EditionFrame(2017, new DateOnly(2017, 3, 20), new DateOnly(2017, 3, 26), ["grand-public"]),
            "Visite de la scierie de 2017", "Visite guidée des ateliers de sciage et rencontre avec les apprentis.", "companyVisit",
            new DateTimeOffset(2017, 3, 21, 9, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2017, 3, 21, 12, 0, 0, TimeSpan.FromHours(1)),
            new Venue("Scierie", "1 rue de l'Industrie", "32000", "32013", "Auch", "32", "76"), ["bois"], ["grand-public"], true, 20,
            new Registration(false, null, null, null), new Accessibility(null, null), new OrganisingBody("Scierie du Gers", "company", null));
        await platform.PublishAsync(new SubmissionReceived(past, 1, "org-past", details, new DateTimeOffset(2017, 2, 1, 10, 0, 0, TimeSpan.FromHours(1))));
        await platform.PublishAsync(new VenueLocated(past, 1, 43.6466, 0.5857, LocationPrecision.Housenumber, "test", 0.9, DateTimeOffset.UtcNow, details));
        await platform.PublishAsync(new LabelGranted(past, 1, Guid.NewGuid(), "copil-32", DateTimeOffset.UtcNow));
        using (var anonymous = await platform.ClientAsync())
            await Eventually.Until(async () => (await anonymous.GetAsync($"/api/catalogue/events/{past}")).StatusCode == HttpStatusCode.OK, "the 2017 event in the catalogue");

        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#edition-shown")).ToContainTextAsync("2018"); // the current edition by default
        await Assertions.Expect(page.Locator("#event-list")).Not.ToContainTextAsync("Visite de la scierie de 2017");
        await Assertions.Expect(page.Locator("#archive")).ToHaveCountAsync(0);
        await MapReadyAsync(page);
        Assert.True(await page.Locator("#event-list li").CountAsync() >= events.Count);

        // The next edition, chosen in the filters: the year stays in the address, none of 2018's events.
        await page.SelectOptionAsync("#f-edition", "2019");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("edition=2019"));
        await Assertions.Expect(page.Locator("#archive")).ToContainTextAsync("à venir");
        await Assertions.Expect(page.Locator(".event-list")).ToContainTextAsync("Aucun");

        // A past edition at its own address, with its figures on /edition/2017; a year without an edition is not found.
        await page.GotoAsync("/2017");
        await Assertions.Expect(page.Locator("#edition-shown")).ToContainTextAsync("2017");
        await Assertions.Expect(page.Locator("#archive")).ToContainTextAsync("passée");
        await Assertions.Expect(page.Locator("#event-list")).ToContainTextAsync("Visite de la scierie de 2017");
        await AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "map-past-edition");
        await page.GotoAsync("/edition/2017");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Industrie et innovation");
        await Assertions.Expect(page.Locator("#edition-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 ")); // the 2017 event only
        await Assertions.Expect(page.Locator("#editions a[aria-current='page']")).ToHaveTextAsync("2017");
        await AccessibleAsync(page);
        await page.Locator("#editions").GetByRole(AriaRole.Link, new() { Name = "2018" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("L'Industrie connectée");
        Assert.Equal(404, (await page.GotoAsync("/2016"))!.Status);

        // The 2017 event's page stays where it was shared that year, and says the event is past.
        await page.GotoAsync($"/evenements/{past}");
        await Assertions.Expect(page.Locator("#passe")).ToContainTextAsync("Semaine de l'Industrie 2017");
        await AccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_edition_page_counts_events_per_region_and_sector_in_accessible_tables()
    {
        var events = await StagedAsync();
        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/edition");
        Assert.Contains("L'Industrie connectée", await page.Locator("main").InnerTextAsync());
        var occitanie = page.Locator("#by-region tr", new() { HasText = "Occitanie" });
        Assert.Contains("3", await occitanie.Locator("td").InnerTextAsync());
        Assert.Equal(events.Count.ToString(), (await page.Locator("#by-sector td span").AllInnerTextsAsync()).Single());
        await AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "edition");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_embed_route_may_be_framed_and_honours_its_preset_filters()
    {
        await StagedAsync();
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        var embed = await http.GetAsync("/embed?region=94");
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single());
        var map = await http.GetAsync("/");
        Assert.Equal("DENY", map.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", map.Headers.GetValues("Content-Security-Policy").Single());

        var page = await browser.PageAsync(platform.Gateway);
        await page.GotoAsync("/embed?region=94");
        await MapReadyAsync(page);
        Assert.Equal(1, await page.Locator("#event-list li").CountAsync());
        Assert.Equal("_blank", await page.Locator("#event-list li a").First.GetAttributeAsync("target"));
        await AccessibleAsync(page);
        await browser.ScreenshotAsync(page, "embed");
        await page.Context.CloseAsync();
    }
}
