using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>
/// The policies YARP routes name in configuration: rate limits ("public" per client network, "organiser-writes"
/// per organisation for writes only, "staff" per reviewer or admin), CORS for the public map ("public-map")
/// and the output cache for the catalogue ("catalogue"). A refused request gets 429 problem+json with
/// Retry-After. The gateway is the edge: X-Forwarded-For is believed only from the proxies the operator
/// names in Gateway:TrustedProxies (none by default), so a client cannot choose its own rate-limit key.
/// </summary>
public static class EdgeProtection
{
    public const string PublicRateLimit = "public", OrganiserWrites = "organiser-writes", StaffRateLimit = "staff",
        PublicMapCors = "public-map", CatalogueCache = "catalogue", AssetsCache = "assets",
        PicturesCache = "pictures";

    /// <summary>The catalogue's query parameters: the only ones the cache varies by, so junk parameters hit the cache too.</summary>
    public static readonly string[] CatalogueQueryKeys =
        ["region", "departement", "commune", "sector", "audience", "focus", "from", "to", "q", "bbox", "zoom", "edition", "limit", "cursor"];

    public static IHostApplicationBuilder AddEdgeProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();

        builder.Services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
        {
            // Empty lists would mean "trust every proxy" to ASP.NET Core: with no trusted proxy, read no header at all.
            if (options.TrustedProxies.Length == 0) forwarded.ForwardedHeaders = ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                if (proxy.Contains('/')) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PublicRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientPartition.Network(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicPermits, Window = options.PublicWindow, QueueLimit = 0 }));
            limiter.AddPolicy(OrganiserWrites, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(ClientPartition.Caller(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.OrganiserWritePermits, Window = options.OrganiserWriteWindow, QueueLimit = 0 }));
            limiter.AddPolicy(StaffRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(ClientPartition.Caller(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.StaffPermits, Window = options.StaffWindow, QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Retry in {Math.Ceiling(retryAfter.TotalSeconds)} s." },
                });
            };
        });

        builder.Services.AddCors(cors => cors.AddPolicy(PublicMapCors, policy => policy
            .WithOrigins(options.PublicMapOrigins)
            .WithMethods("GET", "HEAD")
            .WithHeaders("If-None-Match", "If-Modified-Since", "X-Correlation-Id")
            .WithExposedHeaders("ETag", "Last-Modified", "Cache-Control", "Retry-After", "X-Correlation-Id")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        builder.Services.AddOutputCache(cache => cache.AddPolicy(CatalogueCache, policy =>
        {
            if (options.CatalogueCacheEnabled)
                policy.Expire(options.CatalogueCacheDuration).SetVaryByQuery(CatalogueQueryKeys).VaryByValue(CatalogueCompression.EncodingOf).Tag("catalogue");
            else policy.NoCache();
        }));
        // The web front-end's scripts, style sheets and fonts: kept compressed per encoding, so the web service compresses each once per fill.
        builder.Services.AddOutputCache(cache => cache.AddPolicy(AssetsCache, policy =>
        {
            if (options.CatalogueCacheEnabled) policy.Expire(options.AssetsCacheDuration).SetVaryByQuery("*").VaryByValue(CatalogueCompression.EncodingOf).Tag("assets");
            else policy.NoCache();
        }));
        // The catalogue's pictures: immutable addresses (a new picture is a new address), already compressed (WebP: not compressed
        // again), one entry whatever the query. Kept as long as the catalogue's answers, so that a refused or withdrawn event's
        // picture leaves the gateway with the event (browsers keep it a year: its address never shows anything else).
        builder.Services.AddOutputCache(cache => cache.AddPolicy(PicturesCache, policy =>
        {
            if (options.CatalogueCacheEnabled) policy.Expire(options.CatalogueCacheDuration).Tag("pictures");
            else policy.NoCache();
        }));
        builder.Services.AddRequestTimeouts();
        builder.Services.AddCatalogueCompression();
        return builder;
    }

    /// <summary>Endpoint-aware middleware, in order, between authentication and the proxy.</summary>
    public static WebApplication UseEdgeProtection(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseOutputCache();
        var options = app.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        app.UseCatalogueCompression(options.CatalogueCacheEnabled);
        return app;
    }
}
