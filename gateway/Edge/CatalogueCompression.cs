using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>
/// The catalogue's answers leave the gateway compressed — Brotli or gzip, as the client accepts — and are cached
/// compressed: compression sits inside the output cache, which keeps one entry per encoding, so a 3 MB GeoJSON is
/// compressed once per cache fill, not once per request. A compressed answer's ETag is made weak (the bytes differ
/// from the service's), as nginx does, before the output cache keeps it; If-None-Match compares weakly, so browsers' revalidations still get 304s
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
                return WeakETagBody.RunAsync(context, next);
            });
            branch.UseResponseCompression();
        });
        return app;
    }

    /// <summary>
    /// Makes a compressed answer's ETag weak at the moment it counts: compression has chosen its coding (Content-Encoding is
    /// set) and is about to write its first byte to the output cache, which copies the headers then. (A callback at the
    /// response's start ran after that copy: the cache's own hits, which cross-origin requests get, carried the strong
    /// ETag of the identity bytes on Brotli or gzip ones — wrong for If-Range.)
    /// </summary>
    private sealed class WeakETagBody(HttpResponse response, IHttpResponseBodyFeature inner) : Stream
    {
        private bool checkedHeaders;

        public static async Task RunAsync(HttpContext context, RequestDelegate next)
        {
            var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new WeakETagBody(context.Response, inner), inner));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(inner);
            }
        }

        /// <summary>The stream below, once the headers are final for the output cache (checked at the first write or flush).</summary>
        private Stream Inner()
        {
            if (!checkedHeaders)
            {
                checkedHeaders = true;
                var headers = response.Headers;
                if (headers.ContentEncoding.Count > 0 && headers.ETag.ToString() is { Length: > 0 } etag && !etag.StartsWith("W/", StringComparison.Ordinal))
                    headers.ETag = "W/" + etag;
            }
            return inner.Stream;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => Inner().Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => Inner().FlushAsync(cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => Inner().Write(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Inner().WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => Inner().WriteAsync(buffer, cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static bool IsCachedPublicRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName is EdgeProtection.CatalogueCache or EdgeProtection.AssetsCache;
}
