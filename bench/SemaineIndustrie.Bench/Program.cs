using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SemaineIndustrie.Bench;
using SemaineIndustrie.Geocoding.Gazetteer;
using SemaineIndustrie.Territory;

// The fault suite and the local cluster's broker link share this driver (see Chaos/Verbs.cs).
if (args.FirstOrDefault() is "link" or "chaos") return await SemaineIndustrie.Bench.Chaos.Verbs.RunAsync(args);
if (args.FirstOrDefault() is "workbench") return await Workbench.RunAsync(args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]));
if (args.FirstOrDefault() is "opening-day") return await OpeningDay.RunAloneAsync(args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]));
if (args.FirstOrDefault() is "soak") return await Soak.RunAsync(args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]));
if (args.FirstOrDefault() is "replicas") return await ReplicaRun.RunAsync(args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]));

// Arguments come from bench/run.sh, which starts the platform for the benchmark.
var options = args.Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]);
string Arg(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
var submissions = int.Parse(options.GetValueOrDefault("submissions", "5000"));
var organisers = int.Parse(options.GetValueOrDefault("organisers", "16"));
var readSeconds = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("read-seconds", "10")));
var baselineSeconds = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("baseline-seconds", "10")));
var gateway = new Uri(Arg("gateway"));
var gatewayNoCache = new Uri(Arg("gateway-nocache"));
var publication = new Uri(Arg("publication"));
var postgres = Arg("postgres");
var rabbit = new Uri(Arg("rabbit"));
var management = new Uri(Arg("management"));
var vhost = Arg("vhost");
var edition = int.Parse(Arg("edition"));
var firstDay = DateOnly.Parse(Arg("first-day"));
var pids = Arg("pids").Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]));
var results = new Dictionary<string, object?>
{
    ["machine"] = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
    ["startedAt"] = DateTimeOffset.UtcNow,
    ["submissions"] = submissions,
    ["organisers"] = organisers,
};
void Say(string text) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");

// 0. Offline geocoding: gazetteer lookups per second (one thread).
var codes = CommuneDirectory.Instance.All.Select(c => c.Code).ToArray();
var gazetteer = OfflineGazetteer.Instance;
var lookupWatch = Stopwatch.StartNew();
long lookups = 0;
for (var round = 0; round < 30; round++) foreach (var code in codes) { if (gazetteer.Find(code) is not null) lookups++; }
results["gazetteerLookupsPerSecond"] = Math.Round(lookups / lookupWatch.Elapsed.TotalSeconds);
Say($"gazetteer: {results["gazetteerLookupsPerSecond"]:N0} lookups/s");

// 1. Hardware baselines at the pipeline's concurrency.
var pgCommits = await Baselines.PostgresCommitsPerSecondAsync(new NpgsqlConnectionStringBuilder(postgres) { Database = "si_bench_baseline" }.ConnectionString, organisers, baselineSeconds);
Say($"baseline PostgreSQL: {pgCommits:N0} single-row commits/s at concurrency {organisers}");
var mqMessages = await Baselines.RabbitPublishConsumePerSecondAsync(rabbit, organisers, baselineSeconds);
Say($"baseline RabbitMQ: {mqMessages:N0} persistent messages/s published with confirms and consumed, quorum queue, concurrency {organisers}");
results["baselines"] = new { postgresCommitsPerSecond = Math.Round(pgCommits), rabbitMessagesPerSecond = Math.Round(mqMessages), concurrency = organisers };

// 2. The pipeline at full speed, counting write transactions and broker messages.
var pipeline = new Pipeline(gateway, publication, new NpgsqlConnectionStringBuilder(postgres) { Database = "si_bench_publication" }.ConnectionString, firstDay);
using var managementClient = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
managementClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
    Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
Task<long> WriteTransactionsAsync() => Measure.TransactionIdAsync(postgres);
async Task<(long Published, long Delivered)> BrokerCountsAsync()
{
    await Task.Delay(TimeSpan.FromSeconds(6)); // the management plugin refreshes its statistics every 5 s
    var stats = await managementClient.GetFromJsonAsync<JsonElement>($"/api/vhosts/{Uri.EscapeDataString(vhost)}");
    if (!stats.TryGetProperty("message_stats", out var m)) return (0, 0);
    long Count(string name) => m.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
    return (Count("publish"), Count("deliver_get"));
}

// 2a. Warm-up, not measured: a service runs for weeks, so its just-in-time compilation (measured at ~20 % of the
// machine's CPU in the first minute of traffic: tier-0 code, then tier-1 recompilation of hot methods) is not the
// pipeline's cost. The measured run starts once every path has been taken a few hundred times.
var warmup = int.Parse(options.GetValueOrDefault("warmup", "500"));
if (warmup > 0)
{
    Say($"warm-up: {warmup} submissions (not measured)…");
    var warm = await pipeline.RunAsync(warmup, organisers, null, CancellationToken.None);
    Say($"warm-up: {warm.PerSecond:N1} submissions/s");
    results["warmup"] = new { submissions = warmup, submissionsPerSecond = Math.Round(warm.PerSecond, 1) };
}

var (publishedBefore, deliveredBefore) = await BrokerCountsAsync();
var xidBefore = await WriteTransactionsAsync();
var cpu = new CpuTimes(pids);
var cpuBefore = cpu.Snapshot();
Say($"pipeline: {submissions} submissions from {organisers} concurrent organisers…");
var full = await pipeline.RunAsync(submissions, organisers, null, CancellationToken.None);
var cpuMsPerSubmission = CpuTimes.Delta(cpuBefore, cpu.Snapshot()).ToDictionary(d => d.Key, d => Math.Round(1000 * d.Value / submissions, 2));
Say("CPU ms per submission: " + string.Join(" · ", cpuMsPerSubmission.Select(c => $"{c.Key} {c.Value:N1}")));
results["cpuMsPerSubmission"] = cpuMsPerSubmission;
var xidAfter = await WriteTransactionsAsync();
var (publishedAfter, deliveredAfter) = await BrokerCountsAsync();
var commitsPerSubmission = (xidAfter - xidBefore - 1) / (double)submissions;
var messagesPerSubmission = (publishedAfter - publishedBefore) / (double)submissions;
var deliveriesPerSubmission = (deliveredAfter - deliveredBefore) / (double)submissions;
var bound = Math.Min(pgCommits / commitsPerSubmission, mqMessages / Math.Max(messagesPerSubmission, deliveriesPerSubmission));
var fullLag = Measure.Summary(full.LagsMs);
Say($"pipeline: {full.PerSecond:N1} submissions/s end to end ({full.Seconds:N1} s); {commitsPerSubmission:N1} write transactions, " +
    $"{messagesPerSubmission:N1} messages published and {deliveriesPerSubmission:N1} delivered per submission");
Say($"hardware bound {bound:N1} submissions/s → pipeline at {100 * full.PerSecond / bound:N0} % of it; decision→published lag p50 {fullLag.P50:N0} ms, p95 {fullLag.P95:N0} ms, p99 {fullLag.P99:N0} ms");
// The bound above gives the whole machine to PostgreSQL or to RabbitMQ; the pipeline needs both at once, on the same cores.
// What the two servers alone cost per submission in this run caps any application on this machine, even one costing nothing.
var serversMs = cpuMsPerSubmission["postgresql"] + cpuMsPerSubmission["rabbitmq"];
var serversCeiling = Environment.ProcessorCount * 1000 / serversMs;
Say($"{submissions / (cpuMsPerSubmission["machine (all, busy)"] * submissions / 1000):N1} submissions per CPU-second of the machine");
Say($"servers' own CPU: {serversMs:N1} ms per submission → with our processes at zero cost, {serversCeiling:N0} submissions/s ({100 * serversCeiling / bound:N0} % of the bound); " +
    $"pipeline at {100 * full.PerSecond / serversCeiling:N0} % of that ceiling");
results["pipeline"] = new
{
    submissionsPerSecond = Math.Round(full.PerSecond, 1), seconds = Math.Round(full.Seconds, 1),
    writeTransactionsPerSubmission = Math.Round(commitsPerSubmission, 2), messagesPublishedPerSubmission = Math.Round(messagesPerSubmission, 2),
    messagesDeliveredPerSubmission = Math.Round(deliveriesPerSubmission, 2),
    hardwareBoundPerSecond = Math.Round(bound, 1), fractionOfBound = Math.Round(full.PerSecond / bound, 3),
    serversOnlyCeilingPerSecond = Math.Round(serversCeiling, 1), fractionOfServersCeiling = Math.Round(full.PerSecond / serversCeiling, 3),
    lagMs = new { p50 = Math.Round(fullLag.P50), p95 = Math.Round(fullLag.P95), p99 = Math.Round(fullLag.P99), max = Math.Round(fullLag.Max) },
};

// 2b. Geocoding within the pipeline: each submission's arrival (submission DB) → its venue located (geocoding DB).
async Task<Dictionary<Guid, DateTimeOffset>> TimesAsync(string database, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    var times = new Dictionary<Guid, DateTimeOffset>();
    while (await reader.ReadAsync()) times[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
    return times;
}
var received = await TimesAsync("si_bench_submission", "SELECT id, created_at FROM submissions");
var located = await TimesAsync("si_bench_geocoding", "SELECT submission_id, updated_at FROM venue_locations WHERE latitude IS NOT NULL");
var geocoded = received.Keys.Where(located.ContainsKey).ToList();
var geocodingLag = Measure.Summary(geocoded.Select(id => (located[id] - received[id]).TotalMilliseconds));
var geocodingSeconds = (geocoded.Max(id => located[id]) - geocoded.Min(id => received[id])).TotalSeconds;
Say($"geocoding: {geocoded.Count} venues located at {geocoded.Count / geocodingSeconds:N1}/s while submissions poured in; submission → located p50 {geocodingLag.P50:N0} ms, p99 {geocodingLag.P99:N0} ms");
results["geocoding"] = new
{
    located = geocoded.Count, perSecond = Math.Round(geocoded.Count / geocodingSeconds, 1),
    submissionToLocatedMs = new { p50 = Math.Round(geocodingLag.P50), p95 = Math.Round(geocodingLag.P95), p99 = Math.Round(geocodingLag.P99) },
};

// 3. Lag at half the maximum throughput, and when idle.
var halfRate = full.PerSecond / 2;
var halfCount = Math.Max(200, submissions / 5);
Say($"pipeline at half speed: {halfCount} submissions at {halfRate:N1}/s…");
var half = await pipeline.RunAsync(halfCount, organisers, halfRate, CancellationToken.None);
var halfLag = Measure.Summary(half.LagsMs);
Say($"half speed: decision→published lag p50 {halfLag.P50:N0} ms, p95 {halfLag.P95:N0} ms, p99 {halfLag.P99:N0} ms");
var idle = Measure.Summary(await pipeline.IdleLagAsync(20, CancellationToken.None));
Say($"idle: decision→published lag p50 {idle.P50:N0} ms, max {idle.Max:N0} ms (20 samples)");
results["lagAtHalfThroughputMs"] = new { rate = Math.Round(halfRate, 1), p50 = Math.Round(halfLag.P50), p95 = Math.Round(halfLag.P95), p99 = Math.Round(halfLag.P99), max = Math.Round(halfLag.Max) };
results["lagIdleMs"] = new { p50 = Math.Round(idle.P50), p95 = Math.Round(idle.P95), max = Math.Round(idle.Max) };

// Peak memory of every process during the pipeline phases (start-up included), then reset for the read phases.
var pipelineMemory = pids.ToDictionary(p => p.Key, p => Math.Round(Measure.PeakMemoryMb(p.Value), 1));
foreach (var (name, mb) in pipelineMemory) Say($"peak memory {name} (start-up and pipeline): {mb:N0} MB");
results["peakMemoryPipelineMb"] = pipelineMemory;
foreach (var pid in pids.Values) Measure.ResetPeakMemory(pid);

// 4. The public read path over the published catalogue: gateway with and without its cache, and direct.
var pipelineOnly = options.ContainsKey("pipeline-only"); // while working on the pipeline: skip the read phases
var readPath = new List<object>();
foreach (var (endpoint, path) in pipelineOnly ? [] : new[] { ("list", "/api/catalogue/events?limit=100"), ("geojson", "/api/catalogue/events.geojson") })
{
    var rates = new Dictionary<string, double>();
    foreach (var (target, address) in new[] { ("direct", publication), ("gateway, output cache", gateway), ("gateway, no cache", gatewayNoCache) })
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = organisers, AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = address };
        var (perSecond, latencies, errors) = await Measure.ClosedLoopAsync(organisers, readSeconds, async () =>
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode;
        });
        var summary = Measure.Summary(latencies);
        rates[target] = perSecond;
        Say($"read {endpoint} via {target}: {perSecond:N0} req/s, p99 {summary.P99:N1} ms, errors {errors}");
        readPath.Add(new { endpoint, target, requestsPerSecond = Math.Round(perSecond), p99Ms = Math.Round(summary.P99, 1), errors });
    }
    readPath.Add(new { endpoint, ratioCachedGatewayToDirect = Math.Round(rates["gateway, output cache"] / rates["direct"], 2),
        ratioUncachedGatewayToDirect = Math.Round(rates["gateway, no cache"] / rates["direct"], 2) });
}
results["readPath"] = readPath;

// 4a. The opening day: 1,000 browsers revalidating the whole map's GeoJSON, then event details, through the gateway's
// cache — against nginx serving the same GeoJSON bytes as a static file (gzip_static: compressed once, like our cache).
if (!pipelineOnly && options.TryGetValue("nginx", out var nginxAddress))
{
    results["openingDay"] = await OpeningDay.RunPhaseAsync(options, gateway, new Uri(nginxAddress), Arg("nginx-root"),
        new NpgsqlConnectionStringBuilder(postgres) { Database = "si_bench_publication" }.ConnectionString, Say);
}

// 4b. The public map page in Debian's Chromium: first map paint (cold cache) and page weight.
if (options.ContainsKey("web") && !pipelineOnly)
{
    var mapPage = await MapPage.MeasureAsync(gateway, runs: 5);
    Say($"map page: ready (clusters drawn) in {mapPage.FirstPaintMedianMs:N0} ms median, {mapPage.FirstPaintMaxMs:N0} ms max over 5 cold loads; " +
        $"JS + CSS {mapPage.ScriptAndStyleBytes / 1024.0:N0} KB transferred (fonts {mapPage.FontBytes / 1024.0:N0} KB; the first view's clusters and list " +
        $"{mapPage.CatalogueBytes / 1024.0:N1} KB; the whole page without tiles {mapPage.PageBytes / 1024.0:N0} KB)");
    results["mapPage"] = mapPage;
}

// 5. Peak memory of every process during the read phases (opening day included).
var memory = pids.ToDictionary(p => p.Key, p => Math.Round(Measure.PeakMemoryMb(p.Value), 1));
foreach (var (name, mb) in memory) Say($"peak memory {name} (read phases): {mb:N0} MB");
results["peakMemoryReadsMb"] = memory;
results["finishedAt"] = DateTimeOffset.UtcNow;

var output = Arg("out");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
Say($"results written to {output}");
return 0;
