using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>
/// The catalogue's answers leave the gateway compressed — Brotli or gzip, as the client accepts — and are cached
/// compressed: compression sits inside the output cache, which keeps one entry per encoding, so a 3 MB GeoJSON is
/// compressed once per cache fill, not once per request. A compressed answer's ETag is made weak (the bytes differ
/// from the service's), as nginx does; If-None-Match compares weakly, so browsers' revalidations still get 304s
/// from the cache. On a cache miss the client's conditional headers are not passed on: the service answers with
/// the full body for the cache to keep (a 304 cannot be cached), and the cache answers the conditions from then on.
/// Only public, cacheable routes — the catalogue and the web front-end's assets — are compressed (no secret shares a
/// response with attacker-chosen text: BREACH).
/// </summary>
public static class CatalogueCompression
{
    public static readonly string[] MimeTypes =
        ["application/json", "application/geo+json", "application/ld+json", "text/csv", "text/calendar", "application/problem+json"];

    public static IServiceCollection AddCatalogueCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // public data only: see the class remarks
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        // Paid once per cache fill: the balanced levels (Brotli 4, gzip 6) rather than the fastest.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>The cache key's encoding part: exactly the coding response compression will choose for this request.</summary>
    public static KeyValuePair<string, string> EncodingOf(HttpContext context) =>
        new("content-coding", context.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(context)?.EncodingName ?? "identity");

    /// <summary>
    /// After the output cache, before the proxy: on the catalogue's and the web assets' cacheable routes only. (The web
    /// service compresses its assets itself; the gateway then keeps what it sent, per encoding, and does not compress again.)
    /// </summary>
    public static WebApplication UseCatalogueCompression(this WebApplication app, bool cacheEnabled)
    {
        app.UseWhen(IsCachedPublicRoute, branch =>
        {
            branch.Use((context, next) =>
            {
                if (cacheEnabled)
                {
                    context.Request.Headers.Remove(HeaderNames.IfNoneMatch);
                    context.Request.Headers.Remove(HeaderNames.IfModifiedSince);
                }
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    if (headers.ContentEncoding.Count > 0 && headers.ETag.ToString() is { Length: > 0 } etag && !etag.StartsWith("W/", StringComparison.Ordinal))
                    {
                        headers.ETag = "W/" + etag;
                    }
                    return Task.CompletedTask;
                });
                return next(context);
            });
            branch.UseResponseCompression();
        });
        return app;
    }

    private static bool IsCachedPublicRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName is EdgeProtection.CatalogueCache or EdgeProtection.AssetsCache;
}
