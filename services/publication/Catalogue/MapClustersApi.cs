using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// <c>GET /api/catalogue/clusters?zoom=&amp;bbox=</c> (and the catalogue's filters): what the map draws at one zoom level in
/// one box — clusters (<c>cluster: true</c>, how many events, the box they cover) and single events (the GeoJSON's own
/// features) — and how many events the box holds. The clusters of a catalogue revision and filters are computed once
/// (<see cref="MapClusters"/>) and kept while that revision lasts.
/// </summary>
public static class MapClustersApi
{
    public const int MaxZoom = 22;

    public static RouteGroupBuilder MapClusters(this RouteGroupBuilder group)
    {
        group.MapGet("/clusters", Clusters).Produces<string>(StatusCodes.Status200OK, "application/geo+json");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Clusters(CatalogueQuery query, string? zoom,
        ClusterCache cache, HttpContext http, CancellationToken ct)
    {
        var errors = query.Validate();
        if (!int.TryParse(zoom, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level > MaxZoom)
            errors["zoom"] = [$"The map's zoom level, a whole number from 0 to {MaxZoom}."];
        if (errors.Count > 0) return Problems.BadQuery(errors);

        var revision = (long)http.Items[HttpCaching.RevisionItem]!; // read by the group's caching filter, before this
        var clusters = await cache.GetAsync(revision, query with { Bbox = null }, ct);
        var box = query.Box() ?? (-180, -90, 180, 90);
        var (markers, inView) = clusters.Query(level, box);

        var json = new StringBuilder(256 + markers.Count * 160);
        json.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"FeatureCollection\",\"zoom\":{level},\"events\":{clusters.Events},\"inView\":{inView},\"features\":[");
        var first = true;
        foreach (var marker in markers)
        {
            if (!first) json.Append(',');
            first = false;
            if (marker.Feature is { } feature)
            {
                json.Append(feature);
                continue;
            }
            var (w, s, e, n) = marker.Bounds;
            json.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{marker.Lon:0.#####},{marker.Lat:0.#####}]}},\"properties\":{{\"cluster\":true,\"count\":{marker.Count},\"bounds\":[{w:0.#####},{s:0.#####},{e:0.#####},{n:0.#####}]}}}}");
        }
        json.Append("]}");
        return TypedResults.Text(json.ToString(), "application/geo+json; charset=utf-8");
    }

    /// <summary>
    /// The clusters of the latest catalogue revision, per filter set, each computed once even when many readers ask at the
    /// same moment: a new revision replaces its filter set's entry (an older revision is never asked for again, so it is
    /// not kept: before, each revision of a catalogue changing every second kept its own entry, up to 64 of them of up to
    /// 10,000 events each). At most 32 filter sets.
    /// </summary>
    public sealed class ClusterCache(IServiceScopeFactory scopes) : IDisposable
    {
        private sealed record Entry(long Revision, Lazy<Task<MapClusters>> Clusters);
        private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = 32 });

        public Task<MapClusters> GetAsync(long revision, CatalogueQuery filters, CancellationToken ct)
        {
            var key = filters.ToString();
            Entry entry;
            lock (entries)
            {
                if (!entries.TryGetValue(key, out Entry? known) || known!.Revision < revision)
                {
                    known = new Entry(revision, new Lazy<Task<MapClusters>>(() => BuildAsync(filters)));
                    entries.Set(key, known, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
                }
                // A reader that read the revision before the entry moved on gets the newer clusters: the catalogue as it is now.
                entry = known;
            }
            var task = entry.Clusters.Value;
            if (task.IsFaulted) lock (entries) { if (entries.TryGetValue(key, out Entry? same) && same == entry) entries.Remove(key); } // not kept: the next reader tries again
            return task.WaitAsync(ct);
        }

        /// <summary>In its own scope: the first reader may leave before it is done, the others still wait for it.</summary>
        private async Task<MapClusters> BuildAsync(CatalogueQuery filters)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            var rows = await filters.Apply(db.Catalogue.AsNoTracking()).OrderBy(e => e.StartsAt).ThenBy(e => e.SubmissionId).Take(CatalogueApi.MaxExport)
                .Select(e => new { e.Longitude, e.Latitude, e.FeatureJson }).ToListAsync(CancellationToken.None);
            return Catalogue.MapClusters.Build(rows.Select(r => new MapClusters.Point(r.Longitude, r.Latitude, r.FeatureJson)));
        }

        public void Dispose() => entries.Dispose();
    }
}
