using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SemaineIndustrie.Gateway;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Gateway;

/// <summary>The front door: routes, the authorization matrix, limits, CORS, caching, headers, docs, identity.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(Platform platform)
{
    private static readonly DevTokenRequest Organiser = new("organiser", "alice", OrganisationId: "org-gateway");
    private static readonly DevTokenRequest ReviewerInScope = new("reviewer", "copil-32", Region: "76", Departements: ["32"]);
    private static readonly DevTokenRequest ReviewerOutOfScope = new("reviewer", "direccte-corse", Region: "94");
    private static readonly DevTokenRequest Admin = new("admin", "dge");

    [Theory]
    [InlineData("/api/editions/current", null)]
    [InlineData("/api/catalogue/stats", null)]
    [InlineData("/api/review/queues", "admin")]
    [InlineData("/api/geocoding/venues/00000000-0000-0000-0000-000000000001", "admin")]
    [InlineData("/api/submissions", "organiser")]
    public async Task Each_route_reaches_its_service(string path, string? role)
    {
        var identity = role switch { "admin" => Admin, "organiser" => Organiser, _ => null };
        var service = path.Split('/')[2] switch
        {
            "editions" or "submissions" => platform.Submission,
            "catalogue" => platform.Publication,
            "review" => platform.Review,
            _ => platform.Geocoding,
        };
        using var throughGateway = await platform.ClientAsync(identity);
        using var direct = await platform.ClientAsync(identity, service);
        var viaGateway = await throughGateway.GetAsync(path);
        var straight = await direct.GetAsync(path);
        Assert.Equal(straight.StatusCode, viaGateway.StatusCode);
        Assert.Equal(WithoutTraceId(await straight.Content.ReadAsStringAsync()), WithoutTraceId(await viaGateway.Content.ReadAsStringAsync()));
    }

    /// <summary>Problem documents carry each request's own trace id; everything else must be identical.</summary>
    private static string WithoutTraceId(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        if (node is System.Text.Json.Nodes.JsonObject o) o.Remove("traceId");
        return node?.ToJsonString() ?? "";
    }

    [Fact]
    public async Task Every_services_openapi_document_and_the_docs_ui_are_reachable()
    {
        using var client = await platform.ClientAsync();
        foreach (var service in new[] { "submission", "review", "geocoding", "publication" })
        {
            var document = await client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
            Assert.True(document.GetProperty("paths").EnumerateObject().Any(), service);
        }
        var ui = await client.GetAsync("/scalar/submission");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/unknown")).StatusCode);
    }

    [Fact]
    public async Task Authorization_matrix_over_every_kind_of_endpoint()
    {
        using var organiser = await platform.ClientAsync(Organiser);
        var created = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Matrice d'autorisation"));
        var submissionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var inScope = await platform.ClientAsync(ReviewerInScope);
        var caseId = (await Eventually.Until(async () => (await inScope.CasesAsync()).FirstOrDefault(c => c.GetProperty("submissionId").GetGuid() == submissionId),
            c => c.ValueKind == JsonValueKind.Object, "the case")).GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await inScope.GetAsync($"/api/geocoding/venues/{submissionId}")).IsSuccessStatusCode, "the location");

        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = await platform.ClientAsync(),
            ["organiser"] = organiser,
            ["reviewer in scope"] = inScope,
            ["reviewer out of scope"] = await platform.ClientAsync(ReviewerOutOfScope),
            ["admin"] = await platform.ClientAsync(Admin),
        };
        //                                                                      anonymous, organiser, in scope, out of scope, admin
        var matrix = new (HttpMethod Method, string Path, object? Body, int[] Expected)[]
        {
            (HttpMethod.Get, "/api/editions/current", null, [200, 200, 200, 200, 200]),
            (HttpMethod.Get, "/api/catalogue/events", null, [200, 200, 200, 200, 200]),
            (HttpMethod.Post, "/api/submissions", Samples.Submission("Une autre visite"), [401, 201, 403, 403, 403]),
            (HttpMethod.Get, "/api/submissions", null, [401, 200, 403, 403, 403]),
            (HttpMethod.Get, $"/api/submissions/{submissionId}", null, [401, 200, 403, 403, 403]),
            (HttpMethod.Get, "/api/review/queues", null, [401, 403, 200, 200, 200]),
            (HttpMethod.Get, $"/api/review/cases/{caseId}", null, [401, 403, 200, 404, 200]),
            (HttpMethod.Get, $"/api/review/cases/{caseId}/audit", null, [401, 403, 200, 404, 200]),
            (HttpMethod.Post, $"/api/review/cases/{caseId}/notes", new { text = "note" }, [401, 403, 201, 404, 201]),
            (HttpMethod.Post, $"/api/review/cases/{caseId}/decision", new { decision = "nonsense" }, [401, 403, 422, 422, 422]),
            (HttpMethod.Get, $"/api/geocoding/venues/{submissionId}", null, [401, 403, 200, 404, 200]),
            (HttpMethod.Put, $"/api/geocoding/venues/{submissionId}/location", new { latitude = 95, longitude = 0 }, [401, 403, 422, 404, 422]),
        };
        var failures = new List<string>();
        foreach (var (method, path, body, expected) in matrix)
        {
            var i = 0;
            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                var status = (int)(await client.SendAsync(request)).StatusCode;
                if (status != expected[i]) failures.Add($"{method} {path} as {who}: {status}, expected {expected[i]}");
                i++;
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Public_reads_are_limited_per_client_and_writes_per_organiser_with_Retry_After()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:PublicPermits"] = "3", ["Gateway:PublicWindow"] = "00:00:30",
            ["Gateway:OrganiserWritePermits"] = "2", ["Gateway:OrganiserWriteWindow"] = "00:00:30",
        });
        using var visitor = new HttpClient { BaseAddress = gateway };
        // Different searches: cache misses, which reach the service (what the gateway already holds is answered before the limiter).
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/catalogue/events?q=visit-{i}")).StatusCode);
        var refused = await visitor.GetAsync("/api/catalogue/events?q=visit-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var alice = await platform.ClientAsync(Organiser, gateway);
        using var bob = await platform.ClientAsync(Organiser with { OrganisationId = "org-other" }, gateway);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/submissions", Samples.Submission())).StatusCode);
        var tooMany = await alice.PostAsJsonAsync("/api/submissions", Samples.Submission());
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.NotNull(tooMany.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/submissions")).StatusCode);      // reads are not limited
        Assert.Equal(HttpStatusCode.Created, (await bob.PostAsJsonAsync("/api/submissions", Samples.Submission())).StatusCode); // another organisation
    }

    [Fact]
    public async Task An_oversized_body_is_refused_at_the_gateway_with_413()
    {
        using var organiser = await platform.ClientAsync(Organiser);
        var response = await organiser.PostAsync("/api/submissions", new StringContent("{\"title\":\"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_public_map_origin_passes_a_CORS_preflight_and_others_do_not()
    {
        using var client = await platform.ClientAsync();
        async Task<HttpResponseMessage> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/catalogue/events.geojson");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
            return await client.SendAsync(request);
        }
        var allowed = await Preflight("https://www.semaine-industrie.gouv.fr");
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://www.semaine-industrie.gouv.fr", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False((await Preflight("https://evil.example")).Headers.Contains("Access-Control-Allow-Origin"));

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/events");
        get.Headers.Add("Origin", "https://www.semaine-industrie.gouv.fr");
        var response = await client.SendAsync(get);
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task The_gateway_caches_the_catalogue_and_answers_conditional_requests()
    {
        var cached = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:00:30" });
        using var client = new HttpClient { BaseAddress = cached };
        var first = await client.GetAsync("/api/catalogue/stats?edition=2018");
        var second = await client.GetAsync("/api/catalogue/stats?edition=2018");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);                         // served from the gateway's output cache
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);      // with the service's validators
        Assert.Equal("public, max-age=30", second.Headers.CacheControl?.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/catalogue/stats?edition=2018");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        var uncached = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheEnabled"] = "false" });
        using var plain = new HttpClient { BaseAddress = uncached };
        await plain.GetAsync("/api/catalogue/stats?edition=2018");
        Assert.Null((await plain.GetAsync("/api/catalogue/stats?edition=2018")).Headers.Age);
    }

    [Fact]
    public async Task Responses_carry_the_correlation_id_and_security_headers()
    {
        using var client = await platform.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/editions/current");
        request.Headers.Add("X-Correlation-Id", "press-2018-03-26");
        var response = await client.SendAsync(request);
        Assert.Equal("press-2018-03-26", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var generated = await client.GetAsync("/api/editions/current");
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task The_development_token_helper_does_not_exist_in_production()
    {
        var production = new ServiceHost<GatewayMarker>(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Authority"] = "https://connexion.semaine-industrie.gouv.fr/",
            ["ReverseProxy:Clusters:web:Destinations:primary:Address"] = platform.Web.ToString(), // pages come from the web front-end
        }, environment: "Production");
        await using (production)
        {
            using var client = new HttpClient { BaseAddress = production.Start() };
            var mint = await client.PostAsJsonAsync("/dev/tokens", new { role = "admin" });
            Assert.Equal(HttpStatusCode.NotFound, mint.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar/submission")).StatusCode);
        }

        var misconfigured = new ServiceHost<GatewayMarker>(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" }, environment: "Production");
        await using (misconfigured)
        {
            var error = Assert.ThrowsAny<Exception>(() => misconfigured.Start());
            Assert.Contains("Auth:Authority", error.ToString());
        }
    }
}
