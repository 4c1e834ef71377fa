using System.Net;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.ServiceDefaults.Auth;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Hardening;

/// <summary>The gateway is the edge: clients cannot pick their own rate-limit key, staff have limits too, junk parameters hit the cache.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EdgeHardeningTests(Platform platform)
{
    private static async Task<HttpStatusCode[]> ReadWithRandomForwardedForAsync(Uri gateway, int requests)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        return await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            // Each a different search: a cache miss, which reaches the publication service and so passes the limit
            // (a copy the gateway already holds is answered before the limiter: CachedAnswersTests).
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalogue/events?q=forged-{i}");
            request.Headers.Add("X-Forwarded-For", $"203.0.{i / 250}.{i % 250 + 1}");
            return (await client.SendAsync(request)).StatusCode;
        }));
    }

    [Fact]
    public async Task A_client_cannot_escape_the_public_limit_with_a_forged_forwarded_for()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:PublicPermits"] = "20", ["Gateway:PublicWindow"] = "00:01:00" });
        var statuses = await ReadWithRandomForwardedForAsync(gateway, 45);
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Behind_a_proxy_the_operator_names_forwarded_for_is_believed()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:PublicPermits"] = "20", ["Gateway:PublicWindow"] = "00:01:00", ["Gateway:TrustedProxies:0"] = "127.0.0.1",
        });
        var statuses = await ReadWithRandomForwardedForAsync(gateway, 45);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s)); // 45 distinct clients, one request each
    }

    [Fact]
    public async Task Reviewers_are_limited_per_person_on_review_and_geocoding_routes()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:StaffPermits"] = "4", ["Gateway:StaffWindow"] = "00:01:00" });
        using var busy = await platform.ClientAsync(new DevTokenRequest("reviewer", "busy-reviewer", Region: "76"), gateway);
        using var colleague = await platform.ClientAsync(new DevTokenRequest("reviewer", "other-reviewer", Region: "76"), gateway);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/review/queues")).StatusCode);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.NotFound, (await busy.GetAsync($"/api/geocoding/venues/{Guid.NewGuid()}")).StatusCode);
        var refused = await busy.GetAsync("/api/review/queues");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/review/queues")).StatusCode);
    }

    [Fact]
    public async Task Junk_query_parameters_are_answered_from_the_catalogue_cache()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:01:00" });
        using var client = new HttpClient { BaseAddress = gateway };
        var first = await client.GetAsync("/api/catalogue/events.csv?region=76");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        foreach (var junk in new[] { "junk=1", "junk=2&other=x", "_=1700000000" })
        {
            var again = await client.GetAsync($"/api/catalogue/events.csv?region=76&{junk}");
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.NotNull(again.Headers.Age);                         // served by the gateway's cache, no export ran
        }
        var otherFilter = await client.GetAsync("/api/catalogue/events.csv?region=94");
        Assert.Null(otherFilter.Headers.Age);                           // a real filter is a different entry
    }
}
