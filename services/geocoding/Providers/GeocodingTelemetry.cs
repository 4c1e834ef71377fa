using System.Diagnostics.Metrics;

namespace SemaineIndustrie.Geocoding.Providers;

public static class GeocodingTelemetry
{
    public const string Name = "SemaineIndustrie.Geocoding";
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Results = Meter.CreateCounter<long>("geocoding.results", description: "Venues located, by source and precision (or unlocated)");
    public static readonly Histogram<double> ProviderDuration = Meter.CreateHistogram<double>("geocoding.provider.duration", unit: "ms", description: "Time spent in a provider, by provider and outcome");
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("geocoding.ban.rate_limiter.rejections", description: "BAN requests refused by the client-side limiter (queue full)");

    /// <summary>0 closed, 1 half-open, 2 open.</summary>
    public static int CircuitState;

    static GeocodingTelemetry() =>
        Meter.CreateObservableGauge("geocoding.ban.circuit_state", () => Volatile.Read(ref CircuitState), description: "BAN circuit breaker: 0 closed, 1 half-open, 2 open");
}
