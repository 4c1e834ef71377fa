using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SemaineIndustrie.Geocoding.Providers;

public static class GeocodingRegistration
{
    /// <summary>
    /// The provider chain. BAN (when Geocoding:Ban:BaseUrl is set) goes through one resilience pipeline,
    /// outermost first: total timeout → retries with jittered exponential back-off honouring 429/503
    /// Retry-After → circuit breaker → strict client-side rate limiter (every attempt, retries included,
    /// takes a permit) → per-attempt timeout.
    /// </summary>
    public static IHostApplicationBuilder AddGeocodingProviders(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(BanOptions.Section);
        builder.Services.Configure<BanOptions>(section);
        var ban = section.Get<BanOptions>() ?? new BanOptions();

        if (!string.IsNullOrWhiteSpace(ban.BaseUrl))
        {
            var limiter = new SlidingLogRateLimiter(ban.RequestsPerSecond, TimeSpan.FromSeconds(1) + ban.LimiterJitterMargin, ban.LimiterQueue);
            builder.Services.AddHttpClient<BanGeocoder>(client =>
                {
                    client.BaseAddress = new Uri(ban.BaseUrl.TrimEnd('/') + "/");
                    client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts rule
                })
                .AddResilienceHandler("ban", pipeline =>
                {
                    pipeline.AddTimeout(ban.TotalTimeout);
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = ban.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = ban.RetryDelay,
                        ShouldRetryAfterHeader = true,
                    });
                    pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = ban.BreakerFailureRatio,
                        MinimumThroughput = ban.BreakerMinimumThroughput,
                        SamplingDuration = ban.BreakerSamplingDuration,
                        BreakDuration = ban.BreakerBreakDuration,
                        OnOpened = _ => { Volatile.Write(ref GeocodingTelemetry.CircuitState, 2); return default; },
                        OnHalfOpened = _ => { Volatile.Write(ref GeocodingTelemetry.CircuitState, 1); return default; },
                        OnClosed = _ => { Volatile.Write(ref GeocodingTelemetry.CircuitState, 0); return default; },
                    });
                    pipeline.AddRateLimiter(new HttpRateLimiterStrategyOptions
                    {
                        RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
                        OnRejected = _ => { GeocodingTelemetry.RateLimited.Add(1); return default; },
                    });
                    pipeline.AddTimeout(ban.AttemptTimeout);
                });
            builder.Services.AddTransient<IGeocodingProvider>(sp => sp.GetRequiredService<BanGeocoder>());
        }
        builder.Services.AddSingleton<IGeocodingProvider, GazetteerGeocoder>();
        builder.Services.AddScoped<GeocodingChain>();
        return builder;
    }
}
