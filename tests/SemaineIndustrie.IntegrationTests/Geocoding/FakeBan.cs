using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.IntegrationTests.Geocoding;

/// <summary>
/// A BAN-compatible /search served by a real local HTTP server (Kestrel on 127.0.0.1), scripted by the
/// test: normal GeocodeJSON, another commune, a low score, 500s, slow answers, 429 with Retry-After.
/// It records when each request arrived.
/// </summary>
public sealed class FakeBan : IAsyncDisposable
{
    public enum Mode { Normal, OtherCommune, LowScore, Error, Slow, TooManyRequests }

    private WebApplication app = null!;

    public volatile Mode Behaviour = Mode.Normal;
    /// <summary>Answer this many requests with the failure of <see cref="Behaviour"/>, then normally (0 = always fail).</summary>
    public int FailuresBeforeSuccess;
    public string CityCode = "32013";
    public (double Lat, double Lon) Point = (43.64620, 0.58742);
    public ConcurrentQueue<DateTimeOffset> Requests { get; } = new();
    public Uri Address { get; private set; } = null!;

    public static async Task<FakeBan> StartAsync()
    {
        var ban = new FakeBan();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        ban.app = builder.Build();
        ban.app.MapGet("/search/", (Delegate)ban.Search);
        await ban.app.StartAsync();
        ban.Address = new Uri(ban.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return ban;
    }

    private async Task<IResult> Search(HttpContext http)
    {
        var count = Requests.Count;
        Requests.Enqueue(DateTimeOffset.UtcNow);
        var fail = FailuresBeforeSuccess == 0 || count < FailuresBeforeSuccess;
        switch (Behaviour)
        {
            case Mode.Error when fail:
                return Results.StatusCode(500);
            case Mode.Slow when fail:
                await Task.Delay(TimeSpan.FromSeconds(5), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.StatusCode(504);
            case Mode.TooManyRequests when fail:
                http.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
        }
        var (cityCode, score) = Behaviour switch
        {
            Mode.OtherCommune => ("31555", 0.95),
            Mode.LowScore => (CityCode, 0.31),
            _ => (CityCode, 0.93),
        };
        var json = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"type":"FeatureCollection","version":"draft","features":[{"type":"Feature",
             "geometry":{"type":"Point","coordinates":[{{{Point.Lon}}},{{{Point.Lat}}}]},
             "properties":{"label":"12 Rue du Garros 32000 Auch","score":{{{score}}},"housenumber":"12","type":"housenumber",
               "name":"12 Rue du Garros","postcode":"32000","citycode":"{{{cityCode}}}","city":"Auch","context":"32, Gers, Occitanie"}}],
             "query":"{{{http.Request.Query["q"]}}}","limit":1}
            """);
        return Results.Text(json, "application/json");
    }

    /// <summary>The most requests that arrived within any one second.</summary>
    public int BusiestSecond()
    {
        var times = Requests.OrderBy(t => t).ToArray();
        var busiest = 0;
        for (int start = 0, end = 0; start < times.Length; start++)
        {
            while (end < times.Length && times[end] - times[start] < TimeSpan.FromSeconds(1)) end++;
            busiest = Math.Max(busiest, end - start);
        }
        return busiest;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
