using System.Net;
using System.Text;
using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Publication.Catalogue;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Hardening;

/// <summary>
/// Organisers' text in the public exports cannot be turned against the people who download them: no CSV
/// cell runs as a spreadsheet formula, no iCalendar value starts a property of its own. The events are
/// staged as contract messages, as if written before the submission rules refused such text.
/// </summary>
public sealed class ExportInjectionTests(ExportInjectionTests.Staged staged) : IClassFixture<ExportInjectionTests.Staged>
{
    public const string Injection = "\r\nATTACH:http://evil.example/x.exe";
    public static readonly string[] FormulaPrefixes = ["=", "+", "-", "@", "\t", "\r"];

    public sealed class Staged : IAsyncLifetime
    {
        public PublicationAlone Publication { get; } = new();
        public Guid Formulas { get; } = Guid.NewGuid();
        public Guid Calendar { get; } = Guid.NewGuid();

        public async Task InitializeAsync()
        {
            await Publication.InitializeAsync();
            string F(int i, string payload) => FormulaPrefixes[i % FormulaPrefixes.Length] + payload;
            var formulas = new EventDetails(
                new EditionFrame(2018, new DateOnly(2018, 3, 26), new DateOnly(2018, 4, 1), ["jeunes"]),
                F(0, "HYPERLINK(\"http://evil.example\",\"clic\")"), F(1, "cmd|' /C calc'!A0"), F(2, "2+3"),
                DateTimeOffset.Parse("2018-03-27T09:00:00+02:00"), DateTimeOffset.Parse("2018-03-27T12:00:00+02:00"),
                new Venue(F(3, "SUM(1+1)"), F(4, "1 rue"), "32000", "32013", "Auch", "32", "76"),
                ["aeronautique"], ["jeunes"], true, 30,
                new Registration(true, "=https://example.org", "@accueil@example.org", "+33 6 12 34 56 78"),
                new Accessibility(true, "-Rampe d'accès"), new OrganisingBody("\tOrganisme", "company", null));
            await Publication.PublishEventAsync(Formulas, formulas, 43.64, -0.58);

            var calendar = PublicationAlone.Details("Titre\u001B[31m avec \u0007 contrôle\u007F\u0001" + Injection, day: "2018-03-28",
                description: "Première ligne\nATTACH:http://evil.example/y.exe\r\nDernière ligne; avec, virgules\\");
            calendar = calendar with
            {
                OrganisingBody = new OrganisingBody("Org \"quoted\"" + Injection, "company", null),
                Registration = new Registration(true, "https://example.org/a" + Injection, "accueil@example.org" + Injection, null),
                Venue = calendar.Venue with { Name = "Salle" + Injection },
            };
            await Publication.PublishEventAsync(Calendar, calendar, 43.65, 0.59);
        }

        public Task DisposeAsync() => Publication.DisposeAsync();
    }

    private HttpClient Client => staged.Publication.Client;

    [Fact]
    public async Task No_csv_text_cell_starts_like_a_formula_and_each_keeps_its_text_after_the_quote()
    {
        var response = await Client.GetAsync("/api/catalogue/events.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(CatalogueExports.CsvColumns, rows[0]);
        var row = rows.Single(r => r[0] == staged.Formulas.ToString());
        string Col(string name) => row[Array.IndexOf(CatalogueExports.CsvColumns, name)];

        // Every column an organiser writes; the others hold codes and numbers the platform writes itself.
        string[] text = ["title", "description", "venue_name", "street", "registration_url", "registration_email", "registration_phone",
            "accessibility_details", "organiser"];
        foreach (var column in text)
        {
            var cell = Col(column);
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"{column} starts like a formula: {cell}");
            Assert.StartsWith("'", cell);
        }
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"clic\")", Col("title"));
        Assert.Equal("'+33 6 12 34 56 78", Col("registration_phone"));
        Assert.Equal("-0.58", Col("longitude"));                      // numbers stay numbers
    }

    [Fact]
    public async Task Icalendar_values_are_escaped_so_no_organiser_text_starts_a_property()
    {
        var response = await Client.GetAsync("/api/catalogue/events.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var calendar = ExportReaders.Calendar(body);

        Assert.Equal(2, calendar.Events.Count);
        Assert.DoesNotContain(body.Replace("\r\n ", "").Split("\r\n"), line => line.StartsWith("ATTACH", StringComparison.OrdinalIgnoreCase));
        var evt = calendar.Events.Single(e => e.Uid == $"{staged.Calendar}@semaine-industrie.gouv.fr");
        Assert.Empty(evt.Attachments);
        Assert.DoesNotContain(evt.Properties, p => p.Name == "ATTACH");
        Assert.Null(evt.Url);                                         // a URL with a line break in it is left out
        // Control characters are dropped; a line break survives only as the escaped "\n" of RFC 5545 TEXT.
        Assert.All(evt.Summary!, c => Assert.False(char.IsControl(c) && c != '\n', $"control character U+{(int)c:X4} in SUMMARY"));
        Assert.Equal("Titre[31m avec  contrôle\nATTACH:http://evil.example/x.exe", evt.Summary);
        Assert.Equal("Première ligne\nATTACH:http://evil.example/y.exe\nDernière ligne; avec, virgules\\", evt.Description);
        Assert.DoesNotContain("\n", evt.Organizer!.CommonName!);
        Assert.Contains("ATTACH:http://evil.example/x.exe", evt.Organizer.CommonName);
        Assert.StartsWith("Salle\nATTACH:http://evil.example/x.exe, ", evt.Location); // TEXT: the line break is escaped, not a new line
    }

    [Fact]
    public async Task Exports_are_streamed_and_json_ld_names_events_under_the_configured_address_whatever_the_host_header()
    {
        foreach (var path in new[] { "/api/catalogue/events.csv", "/api/catalogue/events.ics", "/api/catalogue/events.jsonld", "/api/catalogue/events.geojson" })
        {
            var response = await Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Content.Headers.ContentLength);          // written as it is read, not built whole first
            Assert.True(response.Headers.TransferEncodingChunked, path);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/events.jsonld");
        request.Headers.Host = "evil.example";
        var document = ExportReaders.Json(await (await Client.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal(2, document.GetProperty("numberOfItems").GetInt32());
        foreach (var item in document.GetProperty("itemListElement").EnumerateArray())
        {
            Assert.StartsWith("https://www.semaine-industrie.gouv.fr/api/catalogue/events/", item.GetProperty("item").GetProperty("@id").GetString());
        }
        var geojson = ExportReaders.Json(await Client.GetStringAsync("/api/catalogue/events.geojson"));
        Assert.Equal(2, geojson.GetProperty("features").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/catalogue/events.geojson?region=%00", "region")]
    [InlineData("/api/catalogue/stats?sector=%00", "sector")]
    [InlineData("/api/catalogue/events.csv?audience=%1B", "audience")]
    [InlineData("/api/catalogue/events.geojson?bbox=NaN,NaN,NaN,NaN", "bbox")]
    [InlineData("/api/catalogue/events?bbox=-Infinity,0,1,1", "bbox")]
    public async Task Bad_parameters_get_a_400_problem_before_anything_is_written(string path, string field)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = ExportReaders.Json(await response.Content.ReadAsStringAsync());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task If_none_match_compares_weakly_so_a_weakened_tag_still_validates()
    {
        var first = await Client.GetAsync("/api/catalogue/events.geojson");
        var etag = first.Headers.ETag!.Tag;
        using var weak = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/events.geojson");
        weak.Headers.TryAddWithoutValidation("If-None-Match", "W/" + etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(weak)).StatusCode);
    }
}
