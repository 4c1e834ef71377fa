using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace SemaineIndustrie.Bench;

public sealed record ReadLoad(string Target, string Resource, int Clients, double RequestsPerSecond, double P50Ms, double P99Ms,
    long Full, long NotModified, long Errors, double AverageBytesPerResponse);

/// <summary>
/// The opening day: many browsers on the map at once. Each client keeps its connection, fetches the resource once
/// (Accept-Encoding: br, gzip, as browsers send), then revalidates it again and again with If-None-Match — what a
/// browser does when its cached copy's max-age is over. Closed loop: each client sends its next request when the
/// previous answer is in.
/// </summary>
public static class OpeningDay
{
    public static async Task<ReadLoad> RunAsync(string target, Uri server, string resource, Func<int, string> pathOf, int clients, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients, AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        long full = 0, notModified = 0, errors = 0, bytes = 0;
        var latencies = new List<double>[clients];
        var ready = new CountdownEvent(clients);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();

        async Task<(HttpStatusCode Status, string? ETag, long Bytes)> GetAsync(string path, string? etag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            return (response.StatusCode, response.Headers.ETag?.ToString(), body);
        }

        var loops = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(1024);
            var path = pathOf(i);
            string? etag = null;
            try
            {
                (_, etag, _) = await GetAsync(path, null); // connection opened, first fetch: before the clock starts
            }
            catch (Exception) { Interlocked.Increment(ref errors); }
            ready.Signal();
            await start.Task;
            while (clock.Elapsed < duration)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    var (status, tag, body) = await GetAsync(path, etag);
                    mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    Interlocked.Add(ref bytes, body);
                    if (status == HttpStatusCode.NotModified) Interlocked.Increment(ref notModified);
                    else if (status == HttpStatusCode.OK) { Interlocked.Increment(ref full); etag = tag; }
                    else Interlocked.Increment(ref errors);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        await Task.Run(() => ready.Wait(TimeSpan.FromMinutes(2)));
        clock.Start();
        start.SetResult();
        await Task.WhenAll(loops);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToList();
        var summary = Measure.Summary(all);
        var responses = Math.Max(1, full + notModified);
        return new ReadLoad(target, resource, clients, Math.Round(all.Count / seconds), Math.Round(summary.P50, 1), Math.Round(summary.P99, 1),
            full, notModified, errors, Math.Round((double)bytes / responses, 1));
    }

    /// <summary>
    /// The phase: the GeoJSON nginx serves as a static file (written here from the gateway's identity bytes, with its
    /// gzip_static copy), then through the gateway's cache, then event details (a different event per client) through
    /// the gateway — <c>--opening-rounds</c> times (default 3), each round reported; then the bytes on the wire.
    /// </summary>
    public static async Task<object> RunPhaseAsync(IReadOnlyDictionary<string, string> options, Uri gateway, Uri nginx, string nginxRoot,
        string publicationDatabase, Action<string> say)
    {
        var clients = int.Parse(options.GetValueOrDefault("clients", "1000"));
        var seconds = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("opening-seconds", "15")));
        var rounds = int.Parse(options.GetValueOrDefault("opening-rounds", "3"));
        using (var plain = new HttpClient { BaseAddress = gateway })
        {
            var geojson = await plain.GetByteArrayAsync("/api/catalogue/events.geojson"); // no Accept-Encoding: the identity bytes
            await File.WriteAllBytesAsync(Path.Combine(nginxRoot, "events.geojson"), geojson);
            await using var gz = File.Create(Path.Combine(nginxRoot, "events.geojson.gz"));
            await using var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.SmallestSize);
            await zip.WriteAsync(geojson);
        }
        var ids = new List<Guid>();
        await using (var connection = new Npgsql.NpgsqlConnection(publicationDatabase))
        {
            await connection.OpenAsync();
            await using var query = new Npgsql.NpgsqlCommand("SELECT submission_id FROM catalogue_entries ORDER BY submission_id", connection);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        }
        var runs = new List<object>();
        for (var round = 1; round <= rounds; round++)
        {
            var loads = new List<ReadLoad>();
            foreach (var (target, server, resource, pathOf) in new (string, Uri, string, Func<int, string>)[]
            {
                ("nginx, static file", nginx, "events.geojson", _ => "/events.geojson"),
                ("gateway, output cache", gateway, "events.geojson", _ => "/api/catalogue/events.geojson"),
                ("gateway, output cache", gateway, "event detail (JSON)", i => $"/api/catalogue/events/{ids[i * 7919 % ids.Count]}"),
            })
            {
                var load = await RunAsync(target, server, resource, pathOf, clients, seconds);
                say($"opening day, run {round}, {resource} via {target}: {load.RequestsPerSecond:N0} req/s with {clients} clients, p50 {load.P50Ms:N1} ms, p99 {load.P99Ms:N1} ms " +
                    $"({load.NotModified:N0} × 304, {load.Full:N0} × 200, {load.Errors} errors, {load.AverageBytesPerResponse:N0} body bytes per response)");
                loads.Add(load);
            }
            double Ratio(double gatewayFigure, double nginxFigure) => Math.Round(gatewayFigure / nginxFigure, 2);
            var ratios = new
            {
                round, geojson = Ratio(loads[1].RequestsPerSecond, loads[0].RequestsPerSecond), geojsonP99 = Ratio(loads[1].P99Ms, loads[0].P99Ms),
                details = Ratio(loads[2].RequestsPerSecond, loads[0].RequestsPerSecond), detailsP99 = Ratio(loads[2].P99Ms, loads[0].P99Ms),
            };
            say($"opening day, run {round}: gateway ÷ nginx = {ratios.geojson:N2}× the requests/s on the GeoJSON (p99 {ratios.geojsonP99:N2}×), " +
                $"{ratios.details:N2}× on event details (p99 {ratios.detailsP99:N2}×)");
            runs.Add(new { ratios, loads });
        }
        var wire = new Dictionary<string, Dictionary<string, long>>();
        foreach (var (name, path) in new[]
        {
            ("events.geojson (all events)", "/api/catalogue/events.geojson"), ("list, 100 events (JSON)", "/api/catalogue/events?limit=100"),
            ("event detail (JSON)", $"/api/catalogue/events/{ids[0]}"), ("events.csv (all events)", "/api/catalogue/events.csv"),
        })
        {
            wire[name] = await WireBytesAsync(gateway, path);
            say($"bytes on the wire, {name}: " + string.Join(" · ", wire[name].Select(w => $"{w.Key} {w.Value:N0}")));
        }
        return new { clients, seconds = seconds.TotalSeconds, runs, wireBytes = wire };
    }

    /// <summary>The phase alone, on a platform already running (bench/run.sh with SI_BENCH_OPENING_ONLY=1).</summary>
    public static async Task<int> RunAloneAsync(Dictionary<string, string> options)
    {
        static void Say(string text) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");
        var result = await RunPhaseAsync(options, new Uri(options["gateway"]), new Uri(options["nginx"]), options["nginx-root"],
            new Npgsql.NpgsqlConnectionStringBuilder(options["postgres"]) { Database = "si_bench_publication" }.ConnectionString, Say);
        if (options.TryGetValue("out", out var output))
        {
            await File.WriteAllTextAsync(output, System.Text.Json.JsonSerializer.Serialize(new { openingDay = result },
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase }));
            Say($"results written to {output}");
        }
        return 0;
    }

    /// <summary>Bytes on the wire for one response, per content coding the client accepts: body as sent (Content-Length) and headers.</summary>
    public static async Task<Dictionary<string, long>> WireBytesAsync(Uri server, string path)
    {
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = server };
        var sizes = new Dictionary<string, long>();
        string? etag = null;
        foreach (var coding in new[] { "identity", "gzip", "br" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(coding);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "identity";
            sizes[encoding == coding ? coding : $"{coding}→{encoding}"] = body.LongLength;
            etag ??= response.Headers.ETag?.ToString();
        }
        if (etag is not null)
        {
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
            revalidate.Headers.AcceptEncoding.ParseAdd("br, gzip");
            revalidate.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var response = await http.SendAsync(revalidate);
            // A 304 has no body: its weight is its status line and headers.
            sizes[$"revalidation ({(int)response.StatusCode}), headers"] = HeaderBytes(response);
        }
        return sizes;
    }

    private static long HeaderBytes(HttpResponseMessage response) =>
        $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length
        + response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + 2 + string.Join(", ", h.Value).Length + 2) + 2;
}
