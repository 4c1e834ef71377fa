using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;

namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// The platform's own calls to the identity service (discovery, signing keys, the token endpoint) go to its internal
/// address, never through the public front door: there they shared the per-address public rate limit with visitors,
/// and a flood of map readers made every newly started process refuse every valid token. The public issuer name is
/// still the one tokens are checked against; only where the documents are read from changes (docs/gateway.md). The
/// request keeps the public host (and scheme, as X-Forwarded-Proto), so the provider describes itself with its public
/// addresses: a browser sent to its authorization or end-session endpoint goes through the front door, as it must.
/// </summary>
public sealed class InternalAuthorityHandler(Uri publicAuthority, Uri internalAuthority) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly string publicPrefix = WithSlash(publicAuthority.AbsoluteUri);
    private readonly string internalPrefix = WithSlash(internalAuthority.AbsoluteUri);

    /// <summary>The handler for a backchannel, or null when no internal address is configured (the public one is used).</summary>
    public static InternalAuthorityHandler? For(string? publicAuthority, string? internalAuthority) =>
        Uri.TryCreate(publicAuthority, UriKind.Absolute, out var p) && Uri.TryCreate(internalAuthority, UriKind.Absolute, out var i) ? new(p, i) : null;

    /// <summary>An address under the public authority, moved under the internal one; any other left as it is.</summary>
    public Uri Rewrite(Uri address) => address.AbsoluteUri.StartsWith(publicPrefix, StringComparison.OrdinalIgnoreCase)
        ? new Uri(internalPrefix + address.AbsoluteUri[publicPrefix.Length..])
        : address;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } address && Rewrite(address) is var moved && moved != address)
        {
            request.RequestUri = moved;
            request.Headers.Host = publicAuthority.IsDefaultPort ? publicAuthority.Host : $"{publicAuthority.Host}:{publicAuthority.Port}";
            request.Headers.Remove("X-Forwarded-Proto");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", publicAuthority.Scheme);
        }
        return base.SendAsync(request, cancellationToken);
    }

    private static string WithSlash(string uri) => uri.EndsWith('/') ? uri : uri + "/";
}

/// <summary>
/// Reads the provider's discovery document and keys as the process starts, retrying until it can, and reports
/// ready only once it has them: a process that cannot validate a token is not put behind the load balancer. Later
/// refreshes that fail keep the last good keys (the configuration manager's behaviour).
/// </summary>
public sealed partial class SigningKeysWarmUp(IOptionsMonitor<JwtBearerOptions> options, ILogger<SigningKeysWarmUp> logger) : BackgroundService, IHealthCheck
{
    private volatile bool loaded;

    /// <summary>The keys were read once: from then on the configuration manager keeps them (last known good).</summary>
    public bool Loaded => loaded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the host's start (a migration-only run exits from the next hosted service)
        IConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration>? manager;
        try
        {
            manager = options.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        }
        catch (InvalidOperationException ex)
        {
            // A settings mistake (e.g. a plain-HTTP authority outside Development): the process stays not ready and says why.
            LogMisconfigured(logger, ex.Message);
            return;
        }
        if (manager is null) { loaded = true; return; }
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var configuration = await manager.GetConfigurationAsync(stoppingToken);
                loaded = configuration.SigningKeys.Count > 0;
                if (loaded) return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt % 10 == 1) LogNotYet(logger, attempt, ex.Message);
                manager.RequestRefresh();
            }
            try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(loaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The identity service's signing keys are not loaded yet."));

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing keys cannot be loaded, the process stays not ready: {Reason}")]
    private static partial void LogMisconfigured(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing keys not loaded yet (attempt {Attempt}): {Reason}")]
    private static partial void LogNotYet(ILogger logger, int attempt, string reason);
}
