namespace SemaineIndustrie.Gateway.Edge;

/// <summary>Configuration section "Gateway".</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Anonymous reads (catalogue, editions) per client IP, per window.</summary>
    public int PublicPermits { get; set; } = 300;
    public TimeSpan PublicWindow { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Writes (POST, PUT, DELETE) per organisation, per window.</summary>
    public int OrganiserWritePermits { get; set; } = 30;
    public TimeSpan OrganiserWriteWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Requests per reviewer or admin (review and geocoding routes), per window.</summary>
    public int StaffPermits { get; set; } = 600;
    public TimeSpan StaffWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// The reverse proxies or load balancers in front of the gateway (IP addresses or CIDR networks) whose
    /// X-Forwarded-For/Proto/Host the gateway believes. Empty by default: the TCP peer is the client.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
    /// <summary>Origins of the public map front-ends allowed to read the catalogue from a browser.</summary>
    public string[] PublicMapOrigins { get; set; } = [];
    /// <summary>How long the gateway keeps a catalogue response (at most the service's max-age, 30 s).</summary>
    public TimeSpan CatalogueCacheDuration { get; set; } = TimeSpan.FromSeconds(10);
    public bool CatalogueCacheEnabled { get; set; } = true;
    /// <summary>How long the gateway keeps the web front-end's static files (they carry max-age=3600; a deployment shows within this).</summary>
    public TimeSpan AssetsCacheDuration { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>What the answers kept at the front of the gateway may weigh, in bytes (<see cref="CachedAnswers"/>); 0 turns them off.</summary>
    public long CachedAnswersBytes { get; set; } = 64 * 1024 * 1024;
}
