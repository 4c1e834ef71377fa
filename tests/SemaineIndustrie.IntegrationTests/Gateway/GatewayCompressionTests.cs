using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Gateway;

/// <summary>The catalogue leaves the gateway compressed as the client accepts, cached compressed, and revalidated from the cache.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayCompressionTests(Platform platform)
{
    private static HttpRequestMessage Get(string path, string acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return request;
    }

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStreamAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.FirstOrDefault() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            null => body,
            var other => throw new InvalidOperationException($"unexpected coding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Catalogue_answers_are_compressed_per_accepted_coding_cached_compressed_and_revalidated_with_a_weak_tag()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:00:30" });
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = gateway };
        const string path = "/api/catalogue/events.geojson?edition=2018";

        using var identity = await client.SendAsync(Get(path, "identity"));
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        var plain = await TextOf(identity);
        Assert.Equal("FeatureCollection", JsonDocument.Parse(plain).RootElement.GetProperty("type").GetString());
        Assert.False(identity.Headers.ETag!.IsWeak); // the service's own bytes keep its strong tag

        foreach (var coding in new[] { "br", "gzip" })
        {
            using var first = await client.SendAsync(Get(path, coding));
            Assert.Equal(coding, Assert.Single(first.Content.Headers.ContentEncoding));
            Assert.True(first.Headers.ETag!.IsWeak, "a compressed answer's tag is weak: its bytes are not the service's");
            Assert.Contains("Accept-Encoding", first.Headers.Vary);
            Assert.Equal(plain, await TextOf(first));

            using var again = await client.SendAsync(Get(path, coding));
            Assert.NotNull(again.Headers.Age); // from the cache, compressed: nothing compressed again
            Assert.Equal(coding, Assert.Single(again.Content.Headers.ContentEncoding));

            using var revalidated = await client.SendAsync(Get(path, coding, first.Headers.ETag));
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }

        // A browser's revalidation that misses the cache: the full answer is fetched and kept, the next one is a 304 from the cache.
        const string other = "/api/catalogue/events?edition=2018&limit=7";
        using var seed = await client.SendAsync(Get(other, "br"));
        var tag = seed.Headers.ETag!;
        var cold = platform.StartGateway(new Dictionary<string, string?> { ["Gateway:CatalogueCacheDuration"] = "00:00:30" });
        using var coldClient = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = cold };
        using var miss = await coldClient.SendAsync(Get(other, "br", tag));
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        using var hit = await coldClient.SendAsync(Get(other, "br", tag));
        Assert.Equal(HttpStatusCode.NotModified, hit.StatusCode); // the cache's: the service never sees the conditions of a cached route
    }

    [Fact]
    public async Task The_web_front_ends_assets_are_kept_compressed_by_the_gateway()
    {
        var gateway = platform.StartGateway(new Dictionary<string, string?>());
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = gateway };
        using var first = await client.SendAsync(Get("/css/site.css", "br, gzip"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        using var again = await client.SendAsync(Get("/css/site.css", "br, gzip"));
        Assert.NotNull(again.Headers.Age); // the compressed bytes from the gateway's cache: not compressed again
        Assert.Equal(await TextOf(first), await TextOf(again));
        using var revalidated = await client.SendAsync(Get("/css/site.css", "br, gzip", first.Headers.ETag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Only_public_catalogue_routes_are_compressed()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = platform.Gateway };
        using var editions = await client.SendAsync(Get("/api/editions/current", "br, gzip"));
        Assert.Equal(HttpStatusCode.OK, editions.StatusCode);
        Assert.Empty(editions.Content.Headers.ContentEncoding);
    }
}
