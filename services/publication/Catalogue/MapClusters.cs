namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// The map's clusters, computed once per catalogue revision and filters: the algorithm of <c>supercluster</c> (greedy
/// clustering from the deepest zoom up, each level clustering the one below it, neighbours found in a grid of the
/// radius). A phone then downloads what it draws at its zoom — a few dozen clusters for France — instead of every
/// event. Coordinates are Web Mercator in [0, 1]; the radius is in pixels of a 256-pixel tile.
/// </summary>
public sealed class MapClusters
{
    /// <summary>Deeper than this, every event is its own marker (a venue's events stay together only on the list).</summary>
    public const int MaxZoom = 16;
    public const double RadiusPixels = 60;

    private readonly Point[] points;
    private readonly Node[][] levels; // levels[z]: the markers at zoom z (0 … MaxZoom + 1, the last one every event)

    private MapClusters(Point[] points)
    {
        this.points = points;
        levels = new Node[MaxZoom + 2][];
        levels[MaxZoom + 1] = points.Select((p, i) => new Node(p.X, p.Y, 1, i, p.Lon, p.Lat, p.Lon, p.Lat)).ToArray();
        for (var z = MaxZoom; z >= 0; z--) levels[z] = Cluster(levels[z + 1], RadiusPixels / (256 * Math.Pow(2, z)));
    }

    /// <param name="Feature">The event's GeoJSON feature, as the catalogue renders it.</param>
    public sealed record Point(double Lon, double Lat, string Feature)
    {
        public double X { get; } = (Lon + 180) / 360;
        public double Y { get; } = MercatorY(Lat);
    }

    /// <summary>A marker: one event (<see cref="Event"/> ≥ 0) or a cluster of <see cref="Count"/> events within the bounds.</summary>
    private readonly record struct Node(double X, double Y, int Count, int Event, double West, double South, double East, double North);

    public static MapClusters Build(IEnumerable<Point> events) => new(events.ToArray());

    public int Events => points.Length;

    /// <summary>The markers of one zoom level whose position is in the box, and how many events the box holds.</summary>
    public (IReadOnlyList<Marker> Markers, int InView) Query(int zoom, (double West, double South, double East, double North) box)
    {
        var level = levels[Math.Clamp(zoom, 0, MaxZoom + 1)];
        var markers = new List<Marker>();
        foreach (var node in level)
        {
            var (lon, lat) = (node.X * 360 - 180, Latitude(node.Y));
            if (lon < box.West || lon > box.East || lat < box.South || lat > box.North) continue;
            markers.Add(node.Event >= 0
                ? new Marker(points[node.Event].Feature, 1, lon, lat, default)
                : new Marker(null, node.Count, lon, lat, (node.West, node.South, node.East, node.North)));
        }
        var inView = 0;
        foreach (var p in points)
            if (p.Lon >= box.West && p.Lon <= box.East && p.Lat >= box.South && p.Lat <= box.North) inView++;
        return (markers, inView);
    }

    /// <param name="Feature">One event's feature; null for a cluster.</param>
    public sealed record Marker(string? Feature, int Count, double Lon, double Lat, (double West, double South, double East, double North) Bounds);

    /// <summary>One level up: each marker not yet taken gathers its neighbours within the radius (a cluster at their weighted centre).</summary>
    private static Node[] Cluster(Node[] below, double radius)
    {
        var grid = new Dictionary<(long, long), List<int>>();
        for (var i = 0; i < below.Length; i++)
        {
            var cell = ((long)Math.Floor(below[i].X / radius), (long)Math.Floor(below[i].Y / radius));
            if (!grid.TryGetValue(cell, out var members)) grid[cell] = members = [];
            members.Add(i);
        }
        var taken = new bool[below.Length];
        var level = new List<Node>();
        var neighbours = new List<int>();
        var r2 = radius * radius;
        for (var i = 0; i < below.Length; i++)
        {
            if (taken[i]) continue;
            taken[i] = true;
            var seed = below[i];
            neighbours.Clear();
            var (cx, cy) = ((long)Math.Floor(seed.X / radius), (long)Math.Floor(seed.Y / radius));
            for (var dx = -1; dx <= 1; dx++)
            for (var dy = -1; dy <= 1; dy++)
            {
                if (!grid.TryGetValue((cx + dx, cy + dy), out var members)) continue;
                foreach (var j in members)
                {
                    if (taken[j]) continue;
                    var (ddx, ddy) = (below[j].X - seed.X, below[j].Y - seed.Y);
                    if (ddx * ddx + ddy * ddy <= r2) neighbours.Add(j);
                }
            }
            if (neighbours.Count == 0)
            {
                level.Add(seed);
                continue;
            }
            var (count, x, y) = (seed.Count, seed.X * seed.Count, seed.Y * seed.Count);
            var (west, south, east, north) = (seed.West, seed.South, seed.East, seed.North);
            foreach (var j in neighbours)
            {
                taken[j] = true;
                var n = below[j];
                count += n.Count;
                x += n.X * n.Count;
                y += n.Y * n.Count;
                (west, south, east, north) = (Math.Min(west, n.West), Math.Min(south, n.South), Math.Max(east, n.East), Math.Max(north, n.North));
            }
            level.Add(new Node(x / count, y / count, count, -1, west, south, east, north));
        }
        return [.. level];
    }

    private static double MercatorY(double lat)
    {
        var sin = Math.Sin(lat * Math.PI / 180);
        var y = 0.5 - 0.25 * Math.Log((1 + sin) / (1 - sin)) / Math.PI;
        return Math.Clamp(y, 0, 1);
    }

    private static double Latitude(double y) => 360 * Math.Atan(Math.Exp((180 - y * 360) * Math.PI / 180)) / Math.PI - 90;
}
