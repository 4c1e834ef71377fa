using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Publication.Catalogue;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Catalogue;

/// <summary>Six published events across France, then every filter and output of the public catalogue.</summary>
public sealed class CatalogueApiTests(CatalogueApiTests.Staged staged) : IClassFixture<CatalogueApiTests.Staged>
{
    public const string TrickyTitle = "Forum des métiers de la santé, \"innovation\"; défis";

    public sealed class Staged : IAsyncLifetime
    {
        public PublicationAlone Publication { get; } = new();
        public Dictionary<string, Guid> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            await Publication.InitializeAsync();
            async Task Stage(string key, double lat, double lon, Contracts.EventDetails details)
            {
                Ids[key] = Guid.NewGuid();
                await Publication.PublishEventAsync(Ids[key], details, lat, lon);
            }
            await Stage("auch", 43.6465, 0.5855, PublicationAlone.Details("Portes ouvertes de l'atelier aéronautique", day: "2018-03-26"));
            await Stage("toulouse", 43.6045, 1.4440, PublicationAlone.Details("Hackathon de l'industrie connectée", "31000", "31555", "Toulouse", "31", "76", "2018-03-28", sectors: ["numerique"], audiences: ["grand-public"]));
            await Stage("ajaccio", 41.9192, 8.7386, PublicationAlone.Details("Découverte de la charcuterie corse", "20000", "2A004", "Ajaccio", "2A", "94", "2018-03-30", sectors: ["agroalimentaire"], audiences: ["demandeurs-emploi"]));
            await Stage("reunion", -20.8789, 55.4481, PublicationAlone.Details("Visite de la centrale électrique", "97400", "97411", "Saint-Denis", "974", "04", "2018-03-27", sectors: ["energie"]));
            await Stage("paris", 48.8566, 2.3522, PublicationAlone.Details(TrickyTitle, "75011", "75056", "Paris", "75", "11", "2018-03-31", "2018-04-01",
                sectors: ["numerique", "sante"], audiences: ["jeunes", "grand-public"],
                description: "Rencontres avec des ingénieures et des opérateurs de production; démonstrations de robots chirurgicaux, d'impression 3D et de lignes de fabrication connectées.\nAccès libre."));
            await Stage("scierie", 43.6470, 0.5860, PublicationAlone.Details("Scierie : démonstration de sciage", day: "2018-03-29", sectors: ["bois"], audiences: ["enseignants", "jeunes"]));
        }

        public Task DisposeAsync() => Publication.DisposeAsync();
    }

    private HttpClient Client => staged.Publication.Client;

    private async Task<HashSet<string>> KeysAsync(string query)
    {
        var response = await Client.GetAsync("/api/catalogue/events?limit=100&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.ReadAsync<CataloguePage>()).Items.Select(e => e.Id);
        return ids.Select(id => staged.Ids.Single(kv => kv.Value == id).Key).ToHashSet();
    }

    [Theory]
    [InlineData("", "auch toulouse ajaccio reunion paris scierie")]
    [InlineData("region=76", "auch toulouse scierie")]
    [InlineData("departement=2A", "ajaccio")]
    [InlineData("commune=32013", "auch scierie")]
    [InlineData("sector=numerique", "toulouse paris")]
    [InlineData("audience=demandeurs-emploi", "ajaccio")]
    [InlineData("from=2018-03-30", "ajaccio paris")]
    [InlineData("to=2018-03-27", "auch reunion")]
    [InlineData("from=2018-04-01&to=2018-04-01", "paris")]
    [InlineData("q=electrique", "reunion")]
    [InlineData("q=ATELIER%20a%C3%A9ronautique", "auch")]
    [InlineData("q=corse%20charcuterie", "ajaccio")]
    [InlineData("q=robots%20chirurgicaux", "paris")]
    [InlineData("q=introuvable", "")]
    [InlineData("bbox=-5,41,10,51.5", "auch toulouse ajaccio paris scierie")]
    [InlineData("bbox=0,43,1,44", "auch scierie")]
    [InlineData("region=76&sector=bois", "scierie")]
    [InlineData("edition=2019", "")]
    public async Task Each_filter_selects_exactly_its_events(string query, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), await KeysAsync(query));

    [Theory]
    [InlineData("bbox=1,2,3")]
    [InlineData("bbox=10,41,-5,51")]
    [InlineData("from=26/03/2018")]
    [InlineData("from=2018-04-01&to=2018-03-26")]
    [InlineData("limit=500")]
    [InlineData("cursor=nonsense")]
    public async Task A_bad_query_is_a_400_problem(string query)
    {
        var response = await Client.GetAsync("/api/catalogue/events?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_follow_each_other_by_start_time_without_gaps_or_repeats()
    {
        var seen = new List<(DateTimeOffset, Guid)>();
        string? cursor = null;
        do
        {
            var page = await Client.GetAsync<CataloguePage>("/api/catalogue/events?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.Items.Select(e => (e.StartsAt, e.Id)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(staged.Ids.Values.Order(), seen.Select(s => s.Item2).Order());
        Assert.Equal(seen.OrderBy(s => s.Item1).Select(s => s.Item2), seen.Select(s => s.Item2));
    }

    [Fact]
    public async Task The_geojson_is_an_RFC_7946_feature_collection_of_points_in_lon_lat_order()
    {
        var response = await Client.GetAsync("/api/catalogue/events.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(6, features.Count);
        foreach (var feature in features)
        {
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
            var coordinates = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToArray();
            Assert.Equal(2, coordinates.Length);
            Assert.InRange(coordinates[0], -180, 180);
            Assert.InRange(coordinates[1], -90, 90);
            Assert.True(feature.GetProperty("properties").TryGetProperty("title", out _));
        }
        var reunion = features.Single(f => f.GetProperty("id").GetString() == staged.Ids["reunion"].ToString());
        Assert.Equal([55.4481, -20.8789], reunion.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var corsica = await Client.GetFromJsonAsync<JsonElement>("/api/catalogue/events.geojson?region=94");
        Assert.Single(corsica.GetProperty("features").EnumerateArray());
    }

    /// <summary>
    /// What the map draws at one zoom (issue 34: a phone downloads the markers of its view, not every event): Auch's two
    /// events (60 m apart) are one cluster until the deepest levels, Toulouse joins them on a view of France, every event is
    /// its own marker past the last cluster level; counts add up; the box and the filters select; bad zooms are 400s.
    /// </summary>
    [Fact]
    public async Task Clusters_gather_nearby_events_per_zoom_and_count_what_the_box_holds()
    {
        async Task<(List<JsonElement> Clusters, List<string> Events, int InView, JsonElement All)> At(string query)
        {
            var response = await Client.GetAsync("/api/catalogue/clusters?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            var all = await response.Content.ReadFromJsonAsync<JsonElement>();
            var features = all.GetProperty("features").EnumerateArray().ToList();
            var clusters = features.Where(f => f.GetProperty("properties").TryGetProperty("cluster", out _)).ToList();
            var events = features.Except(clusters).Select(f => f.GetProperty("id").GetString()!).ToList();
            return (clusters, events, all.GetProperty("inView").GetInt32(), all);
        }

        var france = await At("zoom=5&bbox=-5.5,41.2,9.8,51.3");
        var southWest = Assert.Single(france.Clusters);               // Auch ×2 and Toulouse (70 km apart at zoom 5)
        Assert.Equal(3, southWest.GetProperty("properties").GetProperty("count").GetInt32());
        var bounds = southWest.GetProperty("properties").GetProperty("bounds").EnumerateArray().Select(b => b.GetDouble()).ToArray();
        Assert.Equal([0.5855, 43.6045, 1.444, 43.647], bounds);          // west, south, east, north of its events
        Assert.Equal(new[] { staged.Ids["ajaccio"], staged.Ids["paris"] }.Select(i => i.ToString()).Order(), france.Events.Order());
        Assert.Equal(5, france.InView);                                   // La Réunion is outside the box
        Assert.Equal(6, france.All.GetProperty("events").GetInt32());

        var gers = await At("zoom=12&bbox=0,43,2,44");
        Assert.Equal(2, Assert.Single(gers.Clusters).GetProperty("properties").GetProperty("count").GetInt32()); // Auch's two venues
        Assert.Equal([staged.Ids["toulouse"].ToString()], gers.Events);
        var street = await At("zoom=17&bbox=0,43,2,44");                  // past the last cluster level: one marker each
        Assert.Empty(street.Clusters);
        Assert.Equal(3, street.Events.Count);
        var world = await At("zoom=0");                                   // no box: the whole world
        Assert.Equal(6, world.InView);
        Assert.Equal(6, world.Clusters.Sum(c => c.GetProperty("properties").GetProperty("count").GetInt32()) + world.Events.Count);
        var corsica = await At("zoom=5&region=94");                       // the catalogue's filters
        Assert.Equal([staged.Ids["ajaccio"].ToString()], corsica.Events);

        foreach (var bad in new[] { "", "zoom=-1", "zoom=23", "zoom=4.5", "zoom=5&bbox=10,41,-5,51" })
        {
            var refused = await Client.GetAsync("/api/catalogue/clusters?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_csv_parses_back_with_its_documented_columns()
    {
        var response = await Client.GetAsync("/api/catalogue/events.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync()); // CsvHelper, after the byte-order mark
        Assert.Equal(CatalogueExports.CsvColumns, rows[0]);
        Assert.Equal(7, rows.Count);
        var paris = rows.Single(r => r[0] == staged.Ids["paris"].ToString());
        string Col(string name) => paris[Array.IndexOf(CatalogueExports.CsvColumns, name)];
        Assert.Equal(TrickyTitle, Col("title"));
        Assert.Contains("\nAccès libre.", Col("description"));
        Assert.Equal("numerique|sante", Col("sectors"));
        Assert.Equal("2018-03-31T09:00:00+02:00", Col("starts_at"));
        Assert.Equal("48.8566", Col("latitude"));
        Assert.Equal("75056", Col("commune_insee"));
    }

    [Fact]
    public async Task The_icalendar_parses_back_one_vevent_per_event_in_paris_time()
    {
        var response = await Client.GetAsync("/api/catalogue/events.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var physical = text.Split("\r\n");
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}"));
        Assert.DoesNotContain('\n', text.Replace("\r\n", ""));
        var lines = text.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries); // unfold (RFC 5545 §3.1)
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("TZID:Europe/Paris", lines);
        Assert.Equal(6, lines.Count(l => l == "BEGIN:VEVENT"));

        var paris = Event(lines, staged.Ids["paris"]);
        Assert.Equal(TrickyTitle, Unescape(paris["SUMMARY"]));
        Assert.Equal("20180331T090000", paris["DTSTART;TZID=Europe/Paris"]);
        Assert.Equal("20180401T170000", paris["DTEND;TZID=Europe/Paris"]);
        Assert.Equal("48.8566;2.3522", paris["GEO"]);
        Assert.EndsWith("\nAccès libre.", Unescape(paris["DESCRIPTION"]));
    }

    [Fact]
    public async Task The_json_ld_lists_schema_org_events()
    {
        var response = await Client.GetAsync("/api/catalogue/events.jsonld?region=94");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://schema.org", document.GetProperty("@context").GetString());
        var item = document.GetProperty("itemListElement").EnumerateArray().Single().GetProperty("item");
        Assert.Equal("Event", item.GetProperty("@type").GetString());
        Assert.Equal("2018-03-30T09:00:00+02:00", item.GetProperty("startDate").GetString());
        Assert.True(item.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(41.9192, item.GetProperty("location").GetProperty("geo").GetProperty("latitude").GetDouble());
        Assert.Equal("Ajaccio", item.GetProperty("location").GetProperty("address").GetProperty("addressLocality").GetString());
    }

    [Fact]
    public async Task Stats_count_by_region_departement_sector_and_audience()
    {
        var stats = await Client.GetFromJsonAsync<JsonElement>("/api/catalogue/stats");
        Assert.Equal(2018, stats.GetProperty("edition").GetInt32());
        Assert.Equal(6, stats.GetProperty("total").GetInt32());
        Assert.Equal(3, stats.GetProperty("byRegion").GetProperty("76").GetInt32());
        Assert.Equal(2, stats.GetProperty("byDepartement").GetProperty("32").GetInt32());
        Assert.Equal(2, stats.GetProperty("bySector").GetProperty("numerique").GetInt32());
        Assert.Equal(4, stats.GetProperty("byAudience").GetProperty("jeunes").GetInt32());
    }

    [Fact]
    public async Task Responses_carry_validators_and_a_changed_catalogue_changes_them()
    {
        var first = await Client.GetAsync("/api/catalogue/events.geojson?region=76");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=30", first.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/events.geojson?region=76");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(conditional)).StatusCode);

        var other = await Client.GetAsync("/api/catalogue/events.geojson?region=94");
        Assert.NotEqual(etag, other.Headers.ETag);

        var added = Guid.NewGuid();
        await staged.Publication.PublishEventAsync(added, PublicationAlone.Details("Nouvel événement à Auch", day: "2018-03-28", audiences: ["grand-public"], sectors: ["chimie"]), 43.64, 0.58);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/events.geojson?region=76");
        stale.Headers.IfNoneMatch.Add(etag);
        var refreshed = await Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(etag, refreshed.Headers.ETag);
        Assert.Equal(4, (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").GetArrayLength());

        // Withdrawn again (the other tests count six events): the validators move on once more.
        await staged.Publication.ConsumedAsync(new Contracts.SubmissionWithdrawn(added, 1, "org", DateTimeOffset.UtcNow));
        var afterWithdrawal = await Client.GetAsync("/api/catalogue/events.geojson?region=76");
        Assert.NotEqual(refreshed.Headers.ETag, afterWithdrawal.Headers.ETag);
        Assert.Equal(3, (await afterWithdrawal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task No_public_output_contains_private_data()
    {
        foreach (var path in new[] { "/api/catalogue/events", $"/api/catalogue/events/{staged.Ids["auch"]}", "/api/catalogue/events.geojson",
                     "/api/catalogue/events.csv", "/api/catalogue/events.ics", "/api/catalogue/events.jsonld", "/api/catalogue/stats" })
        {
            var body = await Client.GetStringAsync(path);
            Assert.DoesNotContain("privateContact", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("organiserId", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("73282932000074", body); // the SIRET stays out of public outputs
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/catalogue/events/{Guid.NewGuid()}")).StatusCode);
    }

    private static Dictionary<string, string> Event(string[] lines, Guid id)
    {
        var start = Array.IndexOf(lines, $"UID:{id}@semaine-industrie.gouv.fr");
        var result = new Dictionary<string, string>();
        for (var i = start; lines[i] != "END:VEVENT"; i++)
        {
            var colon = lines[i].IndexOf(':');
            result[lines[i][..colon]] = lines[i][(colon + 1)..];
        }
        return result;
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");

    /// <summary>An independent RFC 4180 reader: quoted fields, doubled quotes, CRLF inside quotes.</summary>
}

/// <summary>A page of the public list, as the catalogue answers it.</summary>
public sealed record CataloguePage(IReadOnlyList<PublicEvent> Items, string? NextCursor);
