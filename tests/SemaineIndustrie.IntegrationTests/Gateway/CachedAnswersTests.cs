using System.Net;
using System.Net.Http.Headers;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Gateway;

/// <summary>
/// What the gateway's output cache answered is answered again at the front of the gateway (Edge/CachedAnswers.cs):
/// before the rate limiter, with the pipeline's security headers, a correlation id of its own and an Age; per
/// content coding, never another's; a cross-origin request still goes through CORS; cache misses still pass the limit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CachedAnswersTests(Platform platform)
{
    private const string Stats = "/api/catalogue/stats?edition=2018";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding, Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        more?.Invoke(request);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task Cached_answers_are_sent_before_the_rate_limiter_per_coding_with_headers_of_their_own()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?>
        {
            ["Gateway:PublicPermits"] = "4", ["Gateway:PublicWindow"] = "00:05:00", ["Gateway:CatalogueCacheDuration"] = "00:05:00",
        });
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = gateway };

        // Three requests through the whole pipeline: three of the client's four permits.
        var brotli = await GetAsync(client, Stats, "br");
        var gzip = await GetAsync(client, Stats, "gzip");
        var crossOrigin = await GetAsync(client, Stats, "br", r => r.Headers.Add("Origin", "https://www.semaine-industrie.gouv.fr"));
        Assert.All(new[] { brotli, gzip, crossOrigin }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("https://www.semaine-industrie.gouv.fr", crossOrigin.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(brotli.Headers.Contains("Access-Control-Allow-Origin"));

        // Twenty more, answered at the front: past the limit, each coding its own bytes, the pipeline's headers, a new correlation id each.
        var ids = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            foreach (var (coding, first) in new[] { ("br", brotli), ("gzip", gzip) })
            {
                var again = await GetAsync(client, Stats, coding);
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                Assert.NotNull(again.Headers.Age);
                Assert.Equal(coding, again.Content.Headers.ContentEncoding.Single());
                Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
                Assert.Equal(first.Headers.ETag, again.Headers.ETag);
                Assert.Equal("public, max-age=30", again.Headers.CacheControl?.ToString());
                Assert.Equal("nosniff", again.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Equal("DENY", again.Headers.GetValues("X-Frame-Options").Single());
                Assert.False(again.Headers.Contains("Access-Control-Allow-Origin")); // the cross-origin answer's CORS headers were not kept
                var id = again.Headers.GetValues("X-Correlation-Id").Single();
                Assert.Matches("^[0-9a-f]{32}$", id);
                Assert.True(ids.Add(id), $"correlation id {id} sent twice");
            }
        }
        var named = await GetAsync(client, Stats, "br", r => r.Headers.Add("X-Correlation-Id", "opening-day-1"));
        Assert.Equal("opening-day-1", named.Headers.GetValues("X-Correlation-Id").Single());

        // A browser revalidating: 304 with the validators, from the front too (the limit is not spent).
        var revalidation = await GetAsync(client, Stats, "br", r => r.Headers.IfNoneMatch.Add(brotli.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, revalidation.StatusCode);
        Assert.Equal(brotli.Headers.ETag, revalidation.Headers.ETag);
        Assert.Empty(await revalidation.Content.ReadAsByteArrayAsync());
        var changed = await GetAsync(client, Stats, "br", r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another-version\"")));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // What the front does not hold goes through the pipeline and its limit: a new filter takes the last permit, the next is refused;
        // a client that accepts no compression is not sent a compressed copy: it reaches the limiter too.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Stats + "&region=76", "br")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Stats + "&region=94", "br")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Stats, null)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Stats, "br", r => r.Headers.Add("Origin", "https://www.semaine-industrie.gouv.fr"))).StatusCode);
    }

    [Fact]
    public async Task A_compressed_answer_carries_a_weak_etag_when_the_output_cache_answers_it_too()
    {
        // Cross-origin requests are answered by the pipeline (CORS), the second one by the output cache's own entry: its
        // ETag names the service's identity bytes, so on compressed bytes it must be weak (a strong one would let If-Range
        // splice ranges of two different encodings).
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:05:00" });
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = gateway };
        void CrossOrigin(HttpRequestMessage r) => r.Headers.Add("Origin", "https://www.semaine-industrie.gouv.fr");

        var filled = await GetAsync(client, Stats + "&q=etag", "br", CrossOrigin);
        var hit = await GetAsync(client, Stats + "&q=etag", "br", CrossOrigin);
        foreach (var answer in new[] { filled, hit })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("br", answer.Content.Headers.ContentEncoding.Single());
            Assert.True(answer.Headers.ETag?.IsWeak, $"ETag {answer.Headers.ETag} on compressed bytes");
        }
        Assert.Equal(filled.Headers.ETag, hit.Headers.ETag);
        Assert.Equal(await filled.Content.ReadAsByteArrayAsync(), await hit.Content.ReadAsByteArrayAsync());

        var identity = await GetAsync(client, Stats + "&q=etag", null, CrossOrigin);
        Assert.Null(identity.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.False(identity.Headers.ETag?.IsWeak, $"ETag {identity.Headers.ETag} on the service's own bytes");
    }

    [Fact]
    public async Task A_copy_never_outlives_the_output_cache_entry_it_came_from()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:00:01" });
        using var client = new HttpClient { BaseAddress = gateway };
        // Four seconds of one reader (a request every 50 ms): every answer is at most the cache duration old, and the
        // service is asked again each time the copy and its entry have expired (an answer without Age).
        var ages = new List<int?>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
        {
            var answer = await GetAsync(client, Stats, "gzip");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            ages.Add(answer.Headers.Age is { } age ? (int)age.TotalSeconds : null);
            await Task.Delay(50);
        }
        Assert.All(ages, age => Assert.InRange(age ?? 0, 0, 1));
        Assert.InRange(ages.Count(age => age is null), 3, 6);  // the first answer and one per second after it
        Assert.True(ages.Count(age => age is not null) > ages.Count / 2, $"most answers from the gateway: {string.Join(',', ages)}");
    }
}
