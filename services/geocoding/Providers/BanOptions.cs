namespace SemaineIndustrie.Geocoding.Providers;

/// <summary>
/// Configuration section "Geocoding:Ban". The BAN-compatible geocoder is off unless BaseUrl is set
/// (production: https://api-adresse.data.gouv.fr/ or the IGN Géoplateforme https://data.geopf.fr/geocodage/).
/// </summary>
public sealed class BanOptions
{
    public const string Section = "Geocoding:Ban";

    public string? BaseUrl { get; set; }
    /// <summary>Results below this BAN score (0–1) are not trusted; the chain falls through to the gazetteer.</summary>
    public double MinScore { get; set; } = 0.6;
    /// <summary>Never more requests than this in any window of one second (BAN allows 50/s per IP).</summary>
    public int RequestsPerSecond { get; set; } = 40;
    /// <summary>Added to the limiter's one-second window, so network jitter cannot squeeze one more request into a server's second.</summary>
    public TimeSpan LimiterJitterMargin { get; set; } = TimeSpan.FromMilliseconds(50);
    public int LimiterQueue { get; set; } = 2000;
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 10;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
