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
