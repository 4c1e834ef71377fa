using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Domain;
using SemaineIndustrie.ServiceDefaults.Telemetry;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.ServiceDefaults;

/// <summary>What every service and the gateway share: telemetry, health, errors, JSON, identity.</summary>
public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    /// <param name="platformTokens">
    /// False for the identity service (it validates the tokens it issues itself) and the web front-end (pages, no bearer tokens).
    /// </param>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName, bool platformTokens = true)
    {
        builder.AddTelemetry(serviceName);
        // A request the framework answers 400 on its own — a body it could not read (IOException, e.g. the data-rate
        // timeout) or not JSON — is otherwise logged nowhere (Debug by default): operators see why a client was refused.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.RequestDelegateFactory", LogLevel.Debug);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Debug);
        builder.AddPlatformClock();
        builder.Services.AddHealthChecks();
        builder.AddProblemDetailsAndJson();
        if (platformTokens) builder.AddPlatformAuthentication();
        builder.AddPlatformAuthorization();
        builder.Services.AddOpenApi();
        builder.Services.AddResponseContract();
        // Services trust X-Forwarded-* from loopback (the gateway beside the service) and from the networks
        // listed in ForwardedHeaders:KnownNetworks (the cluster's), so they see the client's address. The
        // gateway, the edge, replaces this with its own list (Gateway:TrustedProxies, empty by default).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var network in builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Error handling first, then identity; call before mapping endpoints.</summary>
    /// <param name="beforeAuthentication">What must run once the client's address is known but before identity (e.g. a rate limiter).</param>
    /// <param name="front">
    /// What answers at the very front, once the client's address is known, before routing and every other middleware
    /// (the gateway's cached answers); routing then runs after it.
    /// </param>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthentication = null, Action<WebApplication>? front = null)
    {
        app.UseForwardedHeaders();
        if (front is not null)
        {
            front(app);
            app.UseRouting();
        }
        app.UseResponseContract();
        app.UseCorrelationAndSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDomainRefusals();
        app.UseQueryStringRules();
        app.UseRequestBodyLimit();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = 200,
                [HealthStatus.Degraded] = 200,
                [HealthStatus.Unhealthy] = 503,
            },
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
