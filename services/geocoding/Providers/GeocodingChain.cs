using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Geocoding.Locating;

namespace SemaineIndustrie.Geocoding.Providers;

/// <summary>
/// The providers in order — BAN when configured, then the offline gazetteer — the first trusted answer
/// wins. BAN answers are cached by normalised address for 30 days, so the same address costs one call.
/// </summary>
public sealed partial class GeocodingChain(IEnumerable<IGeocodingProvider> providers, GeocodingDbContext db, TimeProvider clock, ILogger<GeocodingChain> logger)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromDays(30);

    public async Task<GeocodeResult?> LocateAsync(VenueQuery venue, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            var cacheable = provider is BanGeocoder;
            if (cacheable && await CachedAsync(venue, cancellationToken) is { } cached) return cached;

            var started = Stopwatch.GetTimestamp();
            GeocodeResult? result;
            string outcome;
            try
            {
                result = await provider.LocateAsync(venue, cancellationToken);
                outcome = result is null ? "no-match" : "ok";
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow, failing, rate-limited or broken-circuited: never fatal, the next provider answers.
                LogProviderFailed(logger, ex, provider.Name, ex.GetType().Name);
                (result, outcome) = (null, ex.GetType().Name);
            }
            GeocodingTelemetry.ProviderDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("provider", provider.Name), new KeyValuePair<string, object?>("outcome", outcome));
            if (result is null) continue;
            if (cacheable) await CacheAsync(venue, result, cancellationToken);
            return result;
        }
        return null;
    }

    private async Task<GeocodeResult?> CachedAsync(VenueQuery venue, CancellationToken ct)
    {
        var freshSince = clock.GetUtcNow() - CacheLifetime;
        var hit = await db.Cache.AsNoTracking().SingleOrDefaultAsync(c => c.AddressKey == venue.Key && c.CreatedAt > freshSince, ct);
        return hit is null ? null : new GeocodeResult(hit.Latitude, hit.Longitude, hit.Precision, hit.Source, hit.Score);
    }

    private Task CacheAsync(VenueQuery venue, GeocodeResult result, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO geocode_cache (address_key, latitude, longitude, precision, source, score, created_at)
        VALUES ({venue.Key}, {result.Latitude}, {result.Longitude}, {result.Precision.ToString()}, {result.Source}, {result.Score}, {clock.GetUtcNow().ToUniversalTime()})
        ON CONFLICT (address_key) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, precision = excluded.precision,
          source = excluded.source, score = excluded.score, created_at = excluded.created_at
        """, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Geocoding provider {Provider} failed ({Error}); falling through")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, string provider, string error);
}
