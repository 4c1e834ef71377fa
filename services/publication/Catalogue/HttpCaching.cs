using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// Conditional GETs for the public catalogue: a strong ETag derived from the catalogue's revision (bumped
/// with every change) and the request (path + query), so it changes exactly when the data behind it may
/// have; If-None-Match → 304 before any query runs; Last-Modified; a short public max-age
/// (Catalogue:MaxAgeSeconds, default 30) so the gateway and browsers can cache.
/// </summary>
public static class HttpCaching
{
    /// <summary>HttpContext.Items: the catalogue revision the answer is computed at (a long).</summary>
    public const string RevisionItem = "catalogue-revision";

    public static RouteGroupBuilder WithCatalogueCaching(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<PublicationDbContext>();
        var revision = await db.Revisions.AsNoTracking().SingleAsync(r => r.Id == 1, http.RequestAborted);
        http.Items[RevisionItem] = revision.Revision;
        var identity = $"{revision.Revision}|{http.Request.Path}{http.Request.QueryString}";
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 12).ToLowerInvariant()}\"";
        var maxAge = http.RequestServices.GetRequiredService<IOptions<CatalogueOptions>>().Value.MaxAgeSeconds;

        // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"…" matches too, as intermediaries
        // that compress a response weaken its tag.
        if (Matches(http.Request, etag))
        {
            SetHeaders(http, etag, revision.ChangedAt, maxAge);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await next(context);
        if (((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK) == StatusCodes.Status200OK)
        {
            SetHeaders(http, etag, revision.ChangedAt, maxAge);
        }
        return result;
    });

    /// <summary>If-None-Match names this strong tag (weak comparison, RFC 9110 §13.1.2: W/"…" matches too) or "*".</summary>
    public static bool Matches(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch &&
        ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static void SetHeaders(HttpContext http, string etag, DateTimeOffset changedAt, int maxAge)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.LastModified = changedAt.ToString("R");
        http.Response.Headers.CacheControl = $"public, max-age={maxAge}";
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
    }
}
