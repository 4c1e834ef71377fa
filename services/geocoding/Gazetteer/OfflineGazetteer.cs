using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Geocoding.Gazetteer;

public sealed record GazetteerPoint(string Code, double Latitude, double Longitude, LocationPrecision Precision, string Method);

/// <summary>
/// A position for every commune, embedded and always available (see Data/ATTRIBUTION.md): the
/// commune's own GeoNames point (precision municipality), or a documented fallback (precision fallback).
/// </summary>
public sealed class OfflineGazetteer
{
    private static readonly Lazy<OfflineGazetteer> Shared = new(Load);
    private readonly FrozenDictionary<string, GazetteerPoint> points;
    private readonly GazetteerPoint[] all;

    private OfflineGazetteer(List<GazetteerPoint> rows)
    {
        points = rows.ToFrozenDictionary(p => p.Code);
        all = [.. rows];
    }

    public static OfflineGazetteer Instance => Shared.Value;

    public int Count => points.Count;

    public GazetteerPoint? Find(string communeCode) => points.GetValueOrDefault(communeCode);

    /// <summary>The commune whose centre is nearest to a point (great-circle distance).</summary>
    public (GazetteerPoint Commune, double Kilometres) Nearest(double latitude, double longitude)
    {
        var best = all[0];
        var bestDistance = double.MaxValue;
        foreach (var p in all)
        {
            var d = Distance.Kilometres(latitude, longitude, p.Latitude, p.Longitude);
            if (d < bestDistance) (best, bestDistance) = (p, d);
        }
        return (best, bestDistance);
    }

    private static OfflineGazetteer Load()
    {
        using var resource = typeof(OfflineGazetteer).Assembly.GetManifestResourceStream("gazetteer.tsv.gz")
            ?? throw new InvalidOperationException("embedded gazetteer.tsv.gz is missing");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var rows = new List<GazetteerPoint>(35_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            rows.Add(new GazetteerPoint(f[0], double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                f[3] == "g" ? LocationPrecision.Municipality : LocationPrecision.Fallback, f[3]));
        }
        return new OfflineGazetteer(rows);
    }
}

public static class Distance
{
    /// <summary>Haversine distance on a 6371 km sphere.</summary>
    public static double Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0;
        double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
