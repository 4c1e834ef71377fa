using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Geocoding;
using SemaineIndustrie.Geocoding.Providers;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Database;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Geocoding;

/// <summary>
/// The BAN path of the provider chain against a fake BAN on a real local HTTP server: acceptance rules,
/// per-attempt timeout, retries with Retry-After, circuit breaker, strict rate limiter, and the offline
/// fallback whenever BAN cannot answer.
/// </summary>
public sealed class BanResilienceTests(IsolatedInfrastructure infra, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private FakeBan ban = null!;
    private readonly List<IHost> hosts = [];

    public async Task InitializeAsync() => ban = await FakeBan.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in hosts) { await host.StopAsync(); host.Dispose(); }
        await ban.DisposeAsync();
    }

    /// <summary>
    /// The geocoding service's own provider registration, against the fake BAN, with fast timings. Like
    /// the service (one scope per message), each call gets its own scope.
    /// </summary>
    private async Task<Locate> ChainAsync(Dictionary<string, string?>? overrides = null, Uri? baseUrl = null, SendRecorder? sends = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await infra.DatabaseAsync("geocoding"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Error",
            ["Geocoding:Ban:BaseUrl"] = (baseUrl ?? ban.Address).ToString(),
            ["Geocoding:Ban:AttemptTimeout"] = "00:00:00.300",
            ["Geocoding:Ban:TotalTimeout"] = "00:00:05",
            ["Geocoding:Ban:MaxRetries"] = "2",
            ["Geocoding:Ban:RetryDelay"] = "00:00:00.050",
            ["Geocoding:Ban:BreakerMinimumThroughput"] = "4",
            ["Geocoding:Ban:BreakerSamplingDuration"] = "00:00:10",
            ["Geocoding:Ban:BreakerBreakDuration"] = "00:00:02",
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGeocodingProviders();
        // Innermost handler, after the whole resilience pipeline: the moment each request goes to the socket.
        if (sends is not null) builder.Services.AddHttpClient<BanGeocoder>().AddHttpMessageHandler(() => sends);
        builder.AddServiceDatabase<GeocodingDbContext>();
        var host = builder.Build();
        await host.StartAsync(); // applies the migrations
        hosts.Add(host);
        return new Locate(host.Services);
    }

    private sealed class Locate(IServiceProvider services)
    {
        public async Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken ct)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<GeocodingChain>().LocateAsync(venue, ct);
        }
    }

    private static VenueQuery Venue(string street = "12 rue du Garros") => new(street + " " + Guid.NewGuid().ToString("N")[..6], "32000", "32013", "Auch");

    [Fact]
    public async Task A_matching_housenumber_is_accepted_and_the_same_address_is_not_asked_twice()
    {
        var chain = await ChainAsync(Unhurried()); // counts requests: a loaded full run turned a slow first answer into a retry (2 requests, seen once)
        var venue = Venue();
        var result = await chain.LocateAsync(venue, CancellationToken.None);
        Assert.Equal((LocationPrecision.Housenumber, "ban", 0.93), (result!.Precision, result.Source, result.Score));
        Assert.Equal((43.6462, 0.58742), (result.Latitude, result.Longitude));

        var again = await chain.LocateAsync(venue, CancellationToken.None);
        Assert.Equal(result, again);
        Assert.Single(ban.Requests); // the second answer came from the cache
    }

    [Theory]
    [InlineData(FakeBan.Mode.OtherCommune)]
    [InlineData(FakeBan.Mode.LowScore)]
    public async Task A_result_in_another_commune_or_below_the_score_threshold_falls_through_to_the_gazetteer(FakeBan.Mode mode)
    {
        ban.Behaviour = mode;
        var result = await (await ChainAsync(Unhurried())).LocateAsync(Venue(), CancellationToken.None); // counts requests: no 300 ms attempt timeout on a loaded machine
        Assert.Equal((LocationPrecision.Municipality, "gazetteer:g"), (result!.Precision, result.Source));
        Assert.Single(ban.Requests);
    }

    /// <summary>For tests that count requests but do not measure timeouts: a loaded machine must not turn a slow first answer into a retry (seen on a full run).</summary>
    private static Dictionary<string, string?> Unhurried() => new() { ["Geocoding:Ban:AttemptTimeout"] = "00:00:10", ["Geocoding:Ban:TotalTimeout"] = "00:00:30" };

    [Fact]
    public async Task A_server_error_is_retried()
    {
        (ban.Behaviour, ban.FailuresBeforeSuccess) = (FakeBan.Mode.Error, 1);
        var result = await (await ChainAsync(Unhurried())).LocateAsync(Venue(), CancellationToken.None);
        Assert.Equal("ban", result!.Source);
        Assert.Equal(2, ban.Requests.Count);
    }

    [Fact]
    public async Task Slow_answers_time_out_per_attempt_are_retried_then_the_gazetteer_answers()
    {
        ban.Behaviour = FakeBan.Mode.Slow; // each answer takes 5 s
        // Each attempt cut at 1 s: a 300 ms cut could fire before a loaded machine's request reached the server (2 requests, seen once).
        var chain = await ChainAsync(new() { ["Geocoding:Ban:AttemptTimeout"] = "00:00:01", ["Geocoding:Ban:TotalTimeout"] = "00:00:20" });
        var watch = Stopwatch.StartNew();
        var result = await chain.LocateAsync(Venue(), CancellationToken.None);
        Assert.Equal("gazetteer:g", result!.Source);
        Assert.Equal(3, ban.Requests.Count);              // first attempt + 2 retries
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(12), $"took {watch.Elapsed}"); // three uncut answers alone take 15 s
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_delay()
    {
        (ban.Behaviour, ban.FailuresBeforeSuccess) = (FakeBan.Mode.TooManyRequests, 1);
        var sends = new SendRecorder();
        var result = await (await ChainAsync(Unhurried(), sends: sends)).LocateAsync(Venue(), CancellationToken.None);
        Assert.Equal("ban", result!.Source);
        Assert.Equal(2, ban.Requests.Count);
        var gap = sends.Gaps().Single();
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_so_BAN_is_left_alone_then_it_closes_again()
    {
        ban.Behaviour = FakeBan.Mode.Error;
        var chain = await ChainAsync();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("gazetteer:g", (await chain.LocateAsync(Venue(), CancellationToken.None))!.Source);
        }
        // Without a breaker: 8 venues × 3 attempts = 24 requests. It opened after the first few failures.
        Assert.True(ban.Requests.Count <= 6, $"{ban.Requests.Count} requests reached the failing server");
        Assert.Equal(2, Volatile.Read(ref GeocodingTelemetry.CircuitState));

        ban.Behaviour = FakeBan.Mode.Normal;
        var healed = await Eventually.Until(() => chain.LocateAsync(Venue(), CancellationToken.None), r => r?.Source == "ban",
            "BAN used again once the break is over", TimeSpan.FromSeconds(10));
        Assert.Equal(LocationPrecision.Housenumber, healed!.Precision);
    }

    [Fact]
    public async Task The_rate_limiter_never_sends_more_than_the_configured_rate_to_BAN()
    {
        var sends = new SendRecorder();
        // This test measures the limiter only: the 300 ms attempt timeout and the breaker of the other tests would,
        // on a loaded machine, turn slow answers of the in-process fake into fallbacks (seen once on CI).
        var chain = await ChainAsync(new()
        {
            ["Geocoding:Ban:RequestsPerSecond"] = "20", ["Geocoding:Ban:TotalTimeout"] = "00:00:30",
            ["Geocoding:Ban:AttemptTimeout"] = "00:00:10", ["Geocoding:Ban:BreakerMinimumThroughput"] = "1000",
            // The recorder stamps a request after the limiter let it go: on a loaded CI machine, a thread resumed more than
            // the default 50 ms margin late once (21 stamped within one second). The margin exists for exactly this jitter.
            ["Geocoding:Ban:LimiterJitterMargin"] = "00:00:00.300",
        }, sends: sends);
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => chain.LocateAsync(Venue(), CancellationToken.None)));
        Assert.All(results, r => Assert.Equal("ban", r!.Source));
        Assert.Equal(60, ban.Requests.Count);
        Assert.True(sends.BusiestSecond() <= 20, $"{sends.BusiestSecond()} requests sent within one second");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), $"60 requests at 20/s took only {watch.Elapsed}");
        // Arrival times at the in-process fake server also carry its own thread scheduling: informative only.
        output.WriteLine($"busiest second: {sends.BusiestSecond()} sent, {ban.BusiestSecond()} seen by the server");
    }

    /// <summary>Records when each request leaves the client (placed after the resilience pipeline).</summary>
    private sealed class SendRecorder : DelegatingHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<long> sent = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(Stopwatch.GetTimestamp());
            return base.SendAsync(request, cancellationToken);
        }

        public IEnumerable<TimeSpan> Gaps()
        {
            var times = sent.Order().ToArray();
            return times.Zip(times.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b));
        }

        public int BusiestSecond()
        {
            var times = sent.Order().ToArray();
            var busiest = 0;
            for (int start = 0, end = 0; start < times.Length; start++)
            {
                while (end < times.Length && Stopwatch.GetElapsedTime(times[start], times[end]) < TimeSpan.FromSeconds(1)) end++;
                busiest = Math.Max(busiest, end - start);
            }
            return busiest;
        }
    }

    [Fact]
    public async Task An_unreachable_BAN_falls_back_to_the_gazetteer()
    {
        var result = await (await ChainAsync(baseUrl: new Uri("http://127.0.0.1:9/"))).LocateAsync(Venue(), CancellationToken.None);
        Assert.Equal((LocationPrecision.Municipality, "gazetteer:g"), (result!.Precision, result.Source));
    }
}
