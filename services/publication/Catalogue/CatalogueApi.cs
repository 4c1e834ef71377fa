using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>The public catalogue (anonymous): what the map and open-data reusers read.</summary>
public static class CatalogueApi
{
    public const int DefaultPageSize = 50, MaxPageSize = 100, MaxExport = 10_000;

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        // Answers are pre-rendered JSON or streamed exports: each declares what it sends (304: HttpCaching's conditional GET).
        var group = app.MapGroup("/api/catalogue").AllowAnonymous().WithTags("Public catalogue").WithCatalogueCaching()
            .WithPlatformAnswers(signedIn: false).AlsoAnswers(StatusCodes.Status304NotModified);
        group.MapGet("/events", List).Produces<EventPage>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/events/{id:guid}", Get).Produces<PublicEvent>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/events.geojson", GeoJson).Produces<string>(StatusCodes.Status200OK, "application/geo+json");
        group.MapGet("/events/{id:guid}.ics", OneEventCalendar).Produces<string>(StatusCodes.Status200OK, "text/calendar");
        group.MapGet("/events/{id:guid}.jsonld", OneEventJsonLd).Produces<string>(StatusCodes.Status200OK, "application/ld+json");
        group.MapGet("/events.csv", (CatalogueQuery query, PublicationDbContext db) => Export(query, db, CatalogueExports.Csv))
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/events.ics", (CatalogueQuery query, PublicationDbContext db) => Export(query, db, CatalogueExports.ICalendar))
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");
        group.MapGet("/events.jsonld", (CatalogueQuery query, PublicationDbContext db, IOptions<CatalogueOptions> options) =>
            Export(query, db, events => CatalogueExports.JsonLd(events, options.Value.PublicBaseUrl))).Produces<string>(StatusCodes.Status200OK, "application/ld+json");
        group.MapGet("/stats", Stats);
        group.MapClusters();

        // Pictures: immutable addresses (a new picture is a new id), so not the catalogue's revision-based caching.
        app.MapGet("/api/catalogue/pictures/{id:guid}/{width:int}.webp", Picture).AllowAnonymous().WithTags("Public catalogue")
            .WithPlatformAnswers(signedIn: false).Produces<byte[]>(StatusCodes.Status200OK, "image/webp");
        return app;
    }

    /// <summary>
    /// One size of a public event's picture. Only the picture of a version on the map is served: a refused, replaced or
    /// withdrawn event's picture is 404 (and deleted). Its address never shows anything else: cached a year, immutable.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Picture(Guid id, int width, PublicationDbContext db, HttpContext http, CancellationToken ct)
    {
        var bytes = await db.Pictures.AsNoTracking()
            .Where(p => p.PictureId == id && p.Width == width && db.Catalogue.Any(e => e.PictureId == id))
            .Select(p => p.Webp).SingleOrDefaultAsync(ct);
        if (bytes is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.ETag = $"\"{id:N}-{width}\"";
        return TypedResults.File(bytes, "image/webp");
    }

    /// <summary>Events by start time, cursor-paginated (limit ≤ 100).</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> List(CatalogueQuery query, PublicationDbContext db, CancellationToken ct, int limit = DefaultPageSize, string? cursor = null)
    {
        var errors = query.Validate();
        if (limit is < 1 or > MaxPageSize) errors["limit"] = [$"Between 1 and {MaxPageSize}."];
        TimeCursor? after = null;
        if (cursor is not null)
        {
            if (TimeCursor.TryParse(cursor, out var parsed)) after = parsed;
            else errors["cursor"] = [TimeCursor.Expected];
        }
        if (errors.Count > 0) return Problems.BadQuery(errors);

        var entries = query.Apply(db.Catalogue.AsNoTracking());
        if (after is var (at, last)) entries = entries.Where(e => e.StartsAt > at || (e.StartsAt == at && e.SubmissionId.CompareTo(last) > 0));
        var page = await entries.OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).Take(limit + 1)
            .Select(e => new { e.StartsAt, e.SubmissionId, e.PublicJson }).ToListAsync(ct);
        var items = page.Take(limit).ToList();
        var next = page.Count > limit ? new TimeCursor(items[^1].StartsAt, items[^1].SubmissionId).ToString() : null;
        var json = new System.Text.StringBuilder(64 + items.Sum(i => i.PublicJson.Length + 1));
        json.Append("{\"items\":[").AppendJoin(',', items.Select(i => i.PublicJson)).Append("],\"nextCursor\":")
            .Append(next is null ? "null" : $"\"{next}\"").Append('}');
        return TypedResults.Text(json.ToString(), "application/json; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Get(Guid id, PublicationDbContext db, CancellationToken ct)
    {
        var json = await db.Catalogue.AsNoTracking().Where(e => e.SubmissionId == id).Select(e => e.PublicJson).SingleOrDefaultAsync(ct);
        if (json is null) return TypedResults.NotFound();
        return TypedResults.Text(json, "application/json; charset=utf-8");
    }

    /// <summary>
    /// RFC 7946 FeatureCollection of points (lon, lat) for the map, same filters as the list. Features are
    /// rendered when events are published; this streams them from the database to the client.
    /// </summary>
    private static Results<StreamedBody<string>, ProblemHttpResult> GeoJson(CatalogueQuery query, PublicationDbContext db)
    {
        var errors = query.Validate();
        if (errors.Count > 0) return Problems.BadQuery(errors);
        var features = query.Apply(db.Catalogue.AsNoTracking()).OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).Take(MaxExport)
            .Select(e => e.FeatureJson).AsAsyncEnumerable();
        return new StreamedBody<string>("application/geo+json; charset=utf-8", features, "{\"type\":\"FeatureCollection\",\"features\":[",
            (feature, _) => feature, ",", _ => "]}");
    }

    /// <summary>Counts per région, département, sector and audience for an edition (default: the latest in the catalogue).</summary>
    private static async Task<Results<Ok<CatalogueStats>, ProblemHttpResult>> Stats(CatalogueQuery query, PublicationDbContext db, CancellationToken ct)
    {
        var errors = query.Validate();
        if (errors.Count > 0) return Problems.BadQuery(errors);
        var edition = query.Edition ?? await db.Catalogue.MaxAsync(e => (int?)e.Edition, ct);
        var rows = await (query with { Edition = edition }).Apply(db.Catalogue.AsNoTracking())
            .Select(e => new { e.Region, e.Departement, e.Sectors, e.Audiences }).ToListAsync(ct);
        static SortedDictionary<string, int> Count(IEnumerable<string> keys) => new(keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count()));
        return TypedResults.Ok(new CatalogueStats(edition, rows.Count, Count(rows.Select(r => r.Region)), Count(rows.Select(r => r.Departement)),
            Count(rows.SelectMany(r => r.Sectors)), Count(rows.SelectMany(r => r.Audiences))));
    }

    /// <summary>One event's iCalendar ("add to my calendar" on its page); 404 once it is not public.</summary>
    private static async Task<Results<StreamedBody<PublicEvent>, NotFound>> OneEventCalendar(Guid id, PublicationDbContext db, CancellationToken ct)
    {
        var entries = db.Catalogue.AsNoTracking().Where(e => e.SubmissionId == id);
        if (!await entries.AnyAsync(ct)) return TypedResults.NotFound();
        return CatalogueExports.ICalendar(Public(entries.AsAsyncEnumerable()));
    }

    /// <summary>One event as a schema.org Event (JSON-LD), for its page; 404 once it is not public.</summary>
    private static async Task<Results<ContentHttpResult, NotFound>> OneEventJsonLd(Guid id, PublicationDbContext db, IOptions<CatalogueOptions> options, CancellationToken ct)
    {
        var entry = await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(e => e.SubmissionId == id, ct);
        if (entry is null) return TypedResults.NotFound();
        var evt = CatalogueExports.SchemaOrgEvent(entry.Public(), options.Value.PublicBaseUrl);
        evt.Insert(0, "@context", "https://schema.org");
        return TypedResults.Text(evt.ToJsonString(), "application/ld+json; charset=utf-8");
    }

    private static async IAsyncEnumerable<PublicEvent> Public(IAsyncEnumerable<CatalogueEntry> entries)
    {
        await foreach (var entry in entries) yield return entry.Public();
    }

    /// <summary>Up to <see cref="MaxExport"/> events, streamed from the database in start order (never held whole in memory).</summary>
    private static Results<StreamedBody<PublicEvent>, ProblemHttpResult> Export(CatalogueQuery query, PublicationDbContext db, Func<IAsyncEnumerable<PublicEvent>, StreamedBody<PublicEvent>> render)
    {
        var errors = query.Validate();
        if (errors.Count > 0) return Problems.BadQuery(errors);
        var entries = query.Apply(db.Catalogue.AsNoTracking()).OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).Take(MaxExport).AsAsyncEnumerable();
        return render(Public(entries));
    }

}
