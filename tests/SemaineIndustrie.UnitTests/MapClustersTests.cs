using SemaineIndustrie.Publication.Catalogue;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>The map's clusters (the algorithm of supercluster): nothing lost or counted twice at any zoom, and near means near.</summary>
public sealed class MapClustersTests
{
    private static MapClusters.Point At(double lon, double lat, string id) => new(lon, lat, $"{{\"id\":\"{id}\"}}");

    [Fact]
    public void Every_event_is_in_exactly_one_marker_at_every_zoom()
    {
        var random = new Random(34);
        var points = Enumerable.Range(0, 6000).Select(i => At(-5 + random.NextDouble() * 14, 42 + random.NextDouble() * 9, i.ToString())).ToList();
        var clusters = MapClusters.Build(points);
        var everywhere = (-180.0, -90.0, 180.0, 90.0);
        var previous = 0;
        for (var zoom = 0; zoom <= MapClusters.MaxZoom + 1; zoom++)
        {
            var (markers, inView) = clusters.Query(zoom, everywhere);
            Assert.Equal(6000, inView);
            Assert.Equal(6000, markers.Sum(m => m.Count));
            Assert.True(markers.Count >= previous, $"zoom {zoom}: fewer markers ({markers.Count}) than one level up ({previous})");
            previous = markers.Count;
        }
        Assert.InRange(clusters.Query(5, everywhere).Markers.Count, 10, 200);  // a view of France: dozens, not thousands
        Assert.Equal(6000, clusters.Query(MapClusters.MaxZoom + 1, everywhere).Markers.Count(m => m.Feature is not null));
    }

    [Fact]
    public void Events_far_apart_stay_apart_and_a_cluster_covers_its_events()
    {
        var clusters = MapClusters.Build([At(0.5855, 43.6465, "auch-1"), At(0.5860, 43.6470, "auch-2"), At(2.3522, 48.8566, "paris")]);
        var (markers, _) = clusters.Query(8, (-180, -90, 180, 90));
        var auch = Assert.Single(markers, m => m.Feature is null);
        Assert.Equal(2, auch.Count);
        Assert.Equal((0.5855, 43.6465, 0.5860, 43.6470), auch.Bounds);
        Assert.InRange(auch.Lon, 0.5855, 0.5860);
        Assert.Contains(markers, m => m.Feature == "{\"id\":\"paris\"}");
        var (street, _) = clusters.Query(MapClusters.MaxZoom + 1, (0, 43, 1, 44));    // past the last level, and only the box
        Assert.Equal(["{\"id\":\"auch-1\"}", "{\"id\":\"auch-2\"}"], street.Select(m => m.Feature).Order());
    }
}
