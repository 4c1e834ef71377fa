using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>
/// The opening day's hot path: the gateway answers a GET its output cache has already answered — the catalogue, its
/// pictures, the web front-end's assets — at the front of the pipeline, before routing, authentication, the rate
/// limiter and the header middlewares (a 200 with the body, or a 304 to a revalidation). Each answer is a copy of what
/// the whole pipeline sent for the same request (scheme, host, path, query string, Accept-Encoding: exactly, so a
/// request that differs in anything reaches the pipeline), security headers included; only the correlation id and
/// the Age are made per request. A copy lives no longer than the output cache's entry it came from (its duration less
/// the Age it was sent with), so a change to the catalogue shows as soon as it did before — give or take the moment
/// one request takes to fetch the next copy: meanwhile, for at most 2 s, the others get the expired one (without
/// that, at each expiry every reader of the map's GeoJSON went through the whole pipeline at once).
///
/// Where it is safe, and only there: not for a request carrying Authorization (the output cache refuses those) or
/// an Origin (CORS headers depend on it: the pipeline answers), nor for an answer that sets a cookie or says
/// private / no-store / no-cache. Cached answers pass no rate limit: a copy costs the gateway less than a 429
/// would, and reaches no service. The limits keep guarding everything that does (every cache miss).
/// </summary>
public sealed class CachedAnswers(GatewayOptions options)
{
    /// <summary>What the pipeline sent, ready to send again: the headers of the 200 and those a 304 carries (RFC 9110 §15.4.5).</summary>
    private sealed record Answer(byte[] Body, KeyValuePair<string, StringValues>[] Headers, KeyValuePair<string, StringValues>[] NotModifiedHeaders,
        string? ETag, DateTimeOffset? LastModified, long StoredAt, long ExpiresAt, long AgeAtStore);

    private const int MaxKeyPartLength = 300;
    private static readonly TimeSpan StaleWhileFilling = TimeSpan.FromSeconds(2);
    private const long MaxAnswerBytes = 16 * 1024 * 1024;
    private static readonly Meter Meter = new("SemaineIndustrie.Gateway");
    private static readonly Counter<long> Served = Meter.CreateCounter<long>("si.gateway.cached_answers", description: "Answers sent at the front of the gateway, by status");

    /// <summary>Headers never copied: made per request by the server or by us, or per connection.</summary>
    private static readonly HashSet<string> PerRequest = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Connection,
        HeaderNames.KeepAlive, EdgeHeaders.CorrelationHeader,
    };
    private static readonly HashSet<string> NotModifiedKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.CacheControl, HeaderNames.ContentLocation, HeaderNames.ETag, HeaderNames.Expires, HeaderNames.Vary,
        HeaderNames.XContentTypeOptions, HeaderNames.XFrameOptions, HeaderNames.ContentSecurityPolicy, "Referrer-Policy", HeaderNames.StrictTransportSecurity,
    };

    private readonly ConcurrentDictionary<string, Answer> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> filling = new(StringComparer.Ordinal);
    private readonly TimeProvider time = TimeProvider.System; // elapsed time, never the platform's (demo) clock
    private long bytes;
    private long lastSweep;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (KeyOf(context.Request) is not { } key)
        {
            await next(context);
            return;
        }
        var now = time.GetTimestamp();
        var known = answers.TryGetValue(key, out var answer);
        if (known && now < answer!.ExpiresAt)
        {
            await SendAsync(context, answer, now);
            return;
        }
        if (!filling.TryAdd(key, 0))
        {
            // Another request is fetching its successor: the expired copy a moment longer, rather than every reader at the services.
            if (known && time.GetElapsedTime(answer!.ExpiresAt, now) < StaleWhileFilling) await SendAsync(context, answer, now);
            else await next(context);
            return;
        }
        try
        {
            await FillAsync(context, next, key);
        }
        finally
        {
            filling.TryRemove(key, out _);
        }
    }

    /// <summary>The request's identity for the copy, or null when the pipeline must answer it.</summary>
    private static string? KeyOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method)) return null;
        var headers = request.Headers;
        if (headers.ContainsKey(HeaderNames.Authorization) || headers.ContainsKey(HeaderNames.Origin)) return null;
        var host = request.Host.Value ?? "";
        var path = request.Path.Value ?? "";
        var query = request.QueryString.Value ?? "";
        var encoding = headers.AcceptEncoding.Count switch { 0 => "", 1 => headers.AcceptEncoding[0] ?? "", _ => headers.AcceptEncoding.ToString() };
        if (host.Length + path.Length + query.Length + encoding.Length > MaxKeyPartLength) return null;
        return string.Concat(request.IsHttps ? "s|" : "|", host, path, query, "|", encoding);
    }

    private async Task SendAsync(HttpContext context, Answer answer, long now)
    {
        var response = context.Response;
        var age = answer.AgeAtStore + (long)time.GetElapsedTime(answer.StoredAt, now).TotalSeconds;
        response.Headers.Age = age.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[EdgeHeaders.CorrelationHeader] = EdgeHeaders.CorrelationIdOf(context);
        if (IsNotModified(context.Request, answer))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            foreach (var (name, value) in answer.NotModifiedHeaders) response.Headers[name] = value;
            Served.Add(1, new KeyValuePair<string, object?>("status", 304));
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in answer.Headers) response.Headers[name] = value;
        response.ContentLength = answer.Body.Length;
        Served.Add(1, new KeyValuePair<string, object?>("status", 200));
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>If-None-Match (weak comparison, as the output cache and the services do), else If-Modified-Since.</summary>
    private static bool IsNotModified(HttpRequest request, Answer answer)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            if (answer.ETag is null) return false;
            if (ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], answer.ETag, StringComparison.Ordinal)) return true;
            if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
            var mine = EntityTagHeaderValue.Parse(answer.ETag);
            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
        }
        return answer.LastModified is { } lastModified && request.Headers.IfModifiedSince.Count > 0 &&
            HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) && lastModified <= since;
    }

    /// <summary>The pipeline answers; what it sends is copied on the way out when the output cache would keep it.</summary>
    private async Task FillAsync(HttpContext context, RequestDelegate next, string key)
    {
        var original = context.Response.Body;
        // Decided at the first byte, when routing has chosen the route and the status is set: a page or an uncached API
        // answer passes straight through, never copied.
        await using var copy = new CopyingStream(original, MaxAnswerBytes,
            () => context.Response.StatusCode == StatusCodes.Status200OK && DurationOf(context) is not null);
        context.Response.Body = copy;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (!copy.Copied || context.Response.StatusCode != StatusCodes.Status200OK || context.RequestAborted.IsCancellationRequested) return;
        if (DurationOf(context) is not { } duration) return;
        var headers = context.Response.Headers;
        if (headers.ContainsKey(HeaderNames.SetCookie)) return;
        var cacheControl = headers.CacheControl.ToString();
        if (cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase) || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase) ||
            cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase)) return;
        if (headers.ContentLength is { } declared && declared != copy.Length) return; // cut short

        // The output cache sent it with an Age (whole seconds, rounded down): the copy ends when its entry does, or a little before.
        var ageAtStore = long.TryParse(headers.Age.ToString(), out var sentAge) ? sentAge : 0;
        var lifetime = duration - TimeSpan.FromSeconds(headers.Age.Count > 0 ? sentAge + 1 : 0);
        if (lifetime <= TimeSpan.Zero) return;
        var now = time.GetTimestamp();
        var kept = headers.Where(h => !PerRequest.Contains(h.Key) && !h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToArray();
        var answer = new Answer(copy.ToArray(), kept, [.. kept.Where(h => NotModifiedKept.Contains(h.Key))],
            headers.ETag.Count > 0 ? headers.ETag.ToString() : null,
            HeaderUtilities.TryParseDate(headers.LastModified.ToString(), out var lastModified) ? lastModified : null,
            now, now + (long)(lifetime.TotalSeconds * time.TimestampFrequency), ageAtStore);
        Keep(key, answer);
    }

    /// <summary>How long the output cache keeps what this route answers, or null when it keeps nothing of it.</summary>
    private TimeSpan? DurationOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName switch
        {
            EdgeProtection.CatalogueCache or EdgeProtection.PicturesCache => options.CatalogueCacheDuration,
            EdgeProtection.AssetsCache => options.AssetsCacheDuration,
            _ => null,
        };

    /// <summary>
    /// Within the byte budget (Gateway:CachedAnswersBytes). Expired copies are swept every 10 s (and at most once a second
    /// when the budget is full): a copy nobody asks for again — an event page read once — is not kept until the budget fills.
    /// </summary>
    private void Keep(string key, Answer answer)
    {
        var size = SizeOf(key, answer);
        Sweep(TimeSpan.FromSeconds(10));
        if (Interlocked.Read(ref bytes) + size > options.CachedAnswersBytes)
        {
            Sweep(TimeSpan.FromSeconds(1));
            if (Interlocked.Read(ref bytes) + size > options.CachedAnswersBytes) return;
        }
        answers.AddOrUpdate(key, answer, (_, old) =>
        {
            Interlocked.Add(ref bytes, -SizeOf(key, old));
            return answer;
        });
        Interlocked.Add(ref bytes, size);
    }

    /// <summary>What a copy weighs against the budget: its body, its key, and a share for its headers.</summary>
    private static long SizeOf(string key, Answer answer) => answer.Body.LongLength + key.Length * 2 + 512;

    private void Forget(string key, Answer answer)
    {
        if (answers.TryRemove(KeyValuePair.Create(key, answer))) Interlocked.Add(ref bytes, -SizeOf(key, answer));
    }

    /// <summary>Forgets the copies past their use (expired, and past the moment an expired copy may still stand in), if the last sweep is that old.</summary>
    private void Sweep(TimeSpan every)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref lastSweep);
        if (time.GetElapsedTime(last, now) < every || Interlocked.CompareExchange(ref lastSweep, now, last) != last) return;
        foreach (var (key, answer) in answers)
        {
            if (time.GetElapsedTime(answer.ExpiresAt, now) >= StaleWhileFilling) Forget(key, answer);
        }
    }

    /// <summary>
    /// Writes through to the client and keeps a copy when <paramref name="wanted"/> says so at the first write, up to a
    /// limit past which it stops copying.
    /// </summary>
    private sealed class CopyingStream(Stream inner, long limit, Func<bool> wanted) : Stream
    {
        private MemoryStream? kept;
        private bool decided, overflowed;
        private long written;

        /// <summary>Everything written was kept (nothing written: an empty body, kept too, when it was wanted).</summary>
        public bool Copied => (decided ? kept is not null : wanted()) && !overflowed;
        public override long Length => kept?.Length ?? 0;
        public byte[] ToArray() => kept?.ToArray() ?? [];

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            written += buffer.Length;
            if (!decided)
            {
                decided = true;
                if (wanted()) kept = new MemoryStream();
            }
            if (kept is null || overflowed) return;
            if (kept.Length + buffer.Length > limit)
            {
                overflowed = true;
                kept = null;
                return;
            }
            kept.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

public static class CachedAnswersExtensions
{
    /// <summary>At the front of the pipeline: once the client's address and scheme are known (forwarded headers), before routing.</summary>
    public static WebApplication UseCachedAnswers(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        if (!options.CatalogueCacheEnabled || options.CachedAnswersBytes <= 0) return app;
        var answers = new CachedAnswers(options);
        app.Use(answers.InvokeAsync);
        return app;
    }
}
