using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace SemaineIndustrie.Bench;

/// <summary>One sample of the soak (every 10 s): what each process holds, what went through, how late, what failed.</summary>
public sealed record SoakSample(double Minute, Dictionary<string, double> ResidentMb, Dictionary<string, double> CpuPercent,
    int Posted, int Decided, int Published, double? LagP50Ms, double? LagP99Ms, int Reads, int Errors);

/// <summary>
/// An hour (<c>--minutes</c>) of submissions at half the pipeline's measured throughput, with public readers on top:
/// organisers posting at a steady rate, a scripted reviewer labelling cases as they arrive, readers on the map's
/// clusters, the list, event pages and the GeoJSON (revalidating) through the gateway. Every 10 s it samples each
/// process's resident memory and CPU, the events published and their decision → published lag, the reads and the
/// errors; at the end it drains the pipeline, counts the messages in the `_error` queues, and draws the plot.
/// </summary>
public static class Soak
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static void Say(string text) => Console.WriteLine($"[soak {DateTime.Now:HH:mm:ss}] {text}");

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var gateway = new Uri(options["gateway"]);
        var publicationDb = new NpgsqlConnectionStringBuilder(options["postgres"]) { Database = "si_bench_publication" }.ConnectionString;
        var pids = options["pids"].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]));
        var organisers = int.Parse(options.GetValueOrDefault("organisers", "8"));
        var readers = int.Parse(options.GetValueOrDefault("readers", "16"));
        var duration = TimeSpan.FromMinutes(double.Parse(options.GetValueOrDefault("minutes", "60"), System.Globalization.CultureInfo.InvariantCulture));
        var pipeline = new Pipeline(gateway, new Uri(options["publication"]), publicationDb, DateOnly.Parse(options["first-day"]));

        // The rate: half of what the pipeline carries at full speed, measured here after a warm-up.
        Say("warm-up: 500 submissions…");
        await pipeline.RunAsync(500, organisers, null, CancellationToken.None);
        var full = await pipeline.RunAsync(1000, organisers, null, CancellationToken.None);
        var rate = full.PerSecond / 2;
        Say($"pipeline at full speed: {full.PerSecond:N1} submissions/s → soak at {rate:N1}/s for {duration.TotalMinutes:N0} min with {readers} readers");

        var run = new Run(pipeline, gateway, publicationDb, rate, organisers, readers, duration);
        if (RabbitMqPid() is { } broker) pids["rabbitmq"] = broker; // its memory too (queues that grow would show there)
        var samples = await run.ExecuteAsync(pids);
        var errorQueue = await ErrorQueueMessagesAsync(new Uri(options["management"]), options["vhost"]);

        // The figures: memory after warm-up (the mean of minutes 5–10) against the end (the last 5 minutes); the lag p99
        // of the first ten minutes against the last ten (a shorter soak: its first and last third, memory over their second halves).
        double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Average();
        var end = duration.TotalMinutes;
        var window = Math.Min(10, end / 3);
        var memory = pids.Keys.ToDictionary(name => name, name =>
        {
            var warm = Mean(samples.Where(s => s.Minute > window / 2 && s.Minute <= window).Select(s => s.ResidentMb[name]));
            var last = Mean(samples.Where(s => s.Minute > end - window / 2).Select(s => s.ResidentMb[name]));
            return new { afterWarmUpMb = Math.Round(warm, 1), endMb = Math.Round(last, 1), maxMb = Math.Round(samples.Max(s => s.ResidentMb[name]), 1), growthPercent = Math.Round(100 * (last - warm) / warm, 1) };
        });
        var firstLag = Measure.Summary(run.LagsBetween(0, window));
        var lastLag = Measure.Summary(run.LagsBetween(end - window, end + 10)); // + the drain
        var result = new
        {
            startedAt = run.StartedAt, minutes = end, ratePerSecond = Math.Round(rate, 1), fullSpeedPerSecond = Math.Round(full.PerSecond, 1), readers,
            posted = run.Posted, published = run.PublishedCount, reads = samples.Sum(s => s.Reads), errors = run.Errors, errorQueueMessages = errorQueue,
            windowMinutes = window,
            lagFirstWindow = new { p50 = Math.Round(firstLag.P50), p99 = Math.Round(firstLag.P99) },
            lagLastWindow = new { p50 = Math.Round(lastLag.P50), p99 = Math.Round(lastLag.P99) },
            lagP99Change = Math.Round(100 * (lastLag.P99 - firstLag.P99) / firstLag.P99, 1),
            memory, samples,
        };
        foreach (var (name, m) in memory) Say($"memory {name}: {m.afterWarmUpMb:N0} MB after warm-up, {m.endMb:N0} MB at the end ({m.growthPercent:+0.0;-0.0} %), peak {m.maxMb:N0} MB");
        Say($"lag decision → published: first {window:N0} min p50 {firstLag.P50:N0} ms p99 {firstLag.P99:N0} ms · last {window:N0} min p50 {lastLag.P50:N0} ms p99 {lastLag.P99:N0} ms ({result.lagP99Change:+0.0;-0.0} %)");
        Say($"{run.Posted:N0} submissions posted, {run.PublishedCount:N0} published, {result.reads:N0} public reads, {run.Errors} errors, {errorQueue} messages in _error queues");

        var output = options["out"];
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        var plot = Path.ChangeExtension(output, ".png");
        SoakPlot.Draw(plot, samples, $"Soak {run.StartedAt:yyyy-MM-dd HH:mm} UTC: {rate:N1} submissions/s (half of {full.PerSecond:N1}) + {readers} public readers, {end:N0} min");
        Say($"results written to {output} and {plot}");
        return 0;
    }

    private static int? RabbitMqPid() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .FirstOrDefault(pid => pid > 0 && File.Exists($"/proc/{pid}/comm") && SafeRead($"/proc/{pid}/comm").Trim() == "beam.smp") is var found and > 0 ? found : null;

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static async Task<long> ErrorQueueMessagesAsync(Uri management, string vhost)
    {
        using var client = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        var queues = await client.GetFromJsonAsync<JsonElement[]>($"/api/queues/{Uri.EscapeDataString(vhost)}");
        return queues!.Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .Sum(q => q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0);
    }

    private sealed class Run(Pipeline pipeline, Uri gateway, string publicationDb, double rate, int organisers, int readers, TimeSpan duration)
    {
        private readonly ConcurrentDictionary<Guid, byte> ours = new();
        private readonly ConcurrentDictionary<Guid, DateTimeOffset> decidedAt = new();
        private readonly ConcurrentDictionary<Guid, byte> published = new();
        private readonly ConcurrentQueue<(double Minute, double LagMs)> lags = new();
        private readonly ConcurrentQueue<Guid> recent = new();
        private int posted, decided, publishedCount, reads, errors;
        private readonly Stopwatch clock = new();

        public DateTimeOffset StartedAt { get; private set; }
        public int Posted => posted;
        public int PublishedCount => publishedCount;
        public int Errors => errors;

        public List<double> LagsBetween(double fromMinute, double toMinute) =>
            [.. lags.Where(l => l.Minute >= fromMinute && l.Minute < toMinute).Select(l => l.LagMs)];

        public async Task<List<SoakSample>> ExecuteAsync(IReadOnlyDictionary<string, int> pids)
        {
            using var stop = new CancellationTokenSource();
            StartedAt = DateTimeOffset.UtcNow;
            clock.Start();
            var posting = PostAsync();
            var reviewing = ReviewAsync(stop.Token);
            var watching = WatchAsync(stop.Token);
            var reading = Task.WhenAll(Enumerable.Range(0, readers).Select(i => ReadAsync(i, stop.Token)));
            var samples = new List<SoakSample>();
            var cpu = new CpuTimes(pids);
            var before = cpu.Snapshot();
            var counted = (Posted: 0, Decided: 0, Published: 0, Reads: 0, Errors: 0);
            var lagsSeen = 0;
            for (var next = Interval; next <= duration; next += Interval)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var now = cpu.Snapshot();
                var window = lags.Skip(lagsSeen).Select(l => l.LagMs).ToList();
                lagsSeen += window.Count;
                var lag = Measure.Summary(window);
                var current = (posted, decided, publishedCount, reads, errors);
                var sample = new SoakSample(Math.Round(clock.Elapsed.TotalMinutes, 3),
                    pids.ToDictionary(p => p.Key, p => Math.Round(ResidentMb(p.Value), 1)),
                    CpuTimes.Delta(before, now).ToDictionary(d => d.Key, d => Math.Round(100 * d.Value / Interval.TotalSeconds, 1)),
                    current.posted - counted.Posted, current.decided - counted.Decided, current.publishedCount - counted.Published,
                    window.Count > 0 ? Math.Round(lag.P50, 1) : null, window.Count > 0 ? Math.Round(lag.P99, 1) : null,
                    current.reads - counted.Reads, current.errors - counted.Errors);
                samples.Add(sample);
                counted = current;
                before = now;
                if (samples.Count % 6 == 0)
                {
                    Say($"minute {sample.Minute:N0}: {sample.Published / Interval.TotalSeconds:N1} published/s, lag p99 {sample.LagP99Ms:N0} ms, " +
                        $"{sample.Reads / Interval.TotalSeconds:N0} reads/s, errors {errors}, memory " + string.Join(" ", sample.ResidentMb.Select(m => $"{m.Key} {m.Value:N0}")));
                }
            }
            await posting;
            // Drain: everything posted is decided and published (lags still recorded), then the readers and watchers stop.
            var deadline = Stopwatch.StartNew();
            while ((decided < posted || publishedCount < posted) && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(500);
            if (publishedCount < posted) Interlocked.Add(ref errors, posted - publishedCount); // not published: counted as errors
            stop.Cancel();
            await Task.WhenAll(reviewing.ContinueWith(_ => { }), watching.ContinueWith(_ => { }), reading.ContinueWith(_ => { }));
            return samples;
        }

        private async Task PostAsync()
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, organisers).Select(i => pipeline.ClientAsync(new { role = "organiser", subject = $"soak-{i}", organisationId = $"org-soak-{i}" })));
            var next = -1;
            await Task.WhenAll(clients.Select(async client =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    var due = TimeSpan.FromSeconds(i / rate);
                    if (due >= duration) return;
                    if (due - clock.Elapsed is { } wait && wait > TimeSpan.Zero) await Task.Delay(wait);
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/submissions", pipeline.Body(1_000_000 + i));
                        if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref errors); continue; }
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                        ours[id] = 0;
                        Interlocked.Increment(ref posted);
                    }
                    catch (Exception) { Interlocked.Increment(ref errors); }
                }
            }));
            foreach (var client in clients) client.Dispose();
        }

        private async Task ReviewAsync(CancellationToken ct)
        {
            using var reviewer = await pipeline.ClientAsync(new { role = "admin", subject = "soak-reviewer" });
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var page = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/cases?status=unclaimed&limit=200", ct);
                    var cases = page.GetProperty("items").EnumerateArray()
                        .Select(c => (Case: c.GetProperty("id").GetGuid(), Submission: c.GetProperty("submissionId").GetGuid()))
                        .Where(c => ours.ContainsKey(c.Submission) && !decidedAt.ContainsKey(c.Submission)).ToList();
                    if (cases.Count == 0)
                    {
                        await Task.Delay(250, ct);
                        continue;
                    }
                    foreach (var chunk in cases.Chunk(100))
                    {
                        using var response = await reviewer.PostAsJsonAsync("/api/review/cases/decisions",
                            new { decisions = chunk.Select(c => new { caseId = c.Case, decision = "label" }) }, ct);
                        if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref errors); continue; }
                        var bySubmission = chunk.ToDictionary(c => c.Case, c => c.Submission);
                        foreach (var r in (await response.Content.ReadFromJsonAsync<JsonElement[]>(ct))!)
                        {
                            if (r.GetProperty("status").GetInt32() != 200) { Interlocked.Increment(ref errors); continue; }
                            if (decidedAt.TryAdd(bySubmission[r.GetProperty("caseId").GetGuid()], r.GetProperty("decidedAt").GetDateTimeOffset())) Interlocked.Increment(ref decided);
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception) { Interlocked.Increment(ref errors); }
            }
        }

        /// <summary>Every 2 s, what the catalogue gained (a 5 s overlap: a transaction may commit after a later one's timestamp).</summary>
        private async Task WatchAsync(CancellationToken ct)
        {
            await using var connection = new NpgsqlConnection(publicationDb);
            await connection.OpenAsync(ct);
            var since = DateTimeOffset.UtcNow.AddMinutes(-1);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await using var query = new NpgsqlCommand("SELECT submission_id, updated_at FROM catalogue_entries WHERE updated_at > $1", connection);
                    query.Parameters.AddWithValue(since.AddSeconds(-5));
                    await using (var reader = await query.ExecuteReaderAsync(ct))
                    {
                        while (await reader.ReadAsync(ct))
                        {
                            var (id, at) = (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
                            if (at > since) since = at;
                            if (!ours.ContainsKey(id) || !decidedAt.TryGetValue(id, out var decision) || !published.TryAdd(id, 0)) continue;
                            lags.Enqueue(((at - StartedAt).TotalMinutes, (at - decision).TotalMilliseconds));
                            recent.Enqueue(id);
                            while (recent.Count > 2000) recent.TryDequeue(out _);
                            Interlocked.Increment(ref publishedCount);
                        }
                    }
                    await Task.Delay(2000, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            }
        }

        /// <summary>A visitor of the public map: clusters of the whole country, the list, an event's page data, the GeoJSON revalidated; 100 ms between requests.</summary>
        private async Task ReadAsync(int reader, CancellationToken ct)
        {
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(1) };
            http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
            string? geojsonTag = null;
            for (var turn = reader; !ct.IsCancellationRequested; turn++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, (turn % 4) switch
                    {
                        0 => "/api/catalogue/clusters?zoom=5&bbox=-5.5,41,10,51.5",
                        1 => "/api/catalogue/events?limit=50",
                        2 => recent.ElementAtOrDefault(Random.Shared.Next(Math.Max(1, recent.Count))) is { } id && id != Guid.Empty ? $"/api/catalogue/events/{id}" : "/api/catalogue/stats",
                        _ => "/api/catalogue/events.geojson",
                    });
                    if (turn % 4 == 3 && geojsonTag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(geojsonTag));
                    using var response = await http.SendAsync(request, ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified) Interlocked.Increment(ref reads);
                    else Interlocked.Increment(ref errors);
                    if (turn % 4 == 3 && response.StatusCode == HttpStatusCode.OK) geojsonTag = response.Headers.ETag?.ToString();
                    await Task.Delay(100, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception) { Interlocked.Increment(ref errors); }
            }
        }

        private static double ResidentMb(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
            }
            catch (IOException) { return double.NaN; }
        }
    }
}
