using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// Rate limits where credentials are tried: sign-in, registration, password reset, invitations accepted
/// and the token endpoint. Per client network (IPv4 address, IPv6 /64) after the gateway's forwarded
/// headers; lockout after repeated failures protects each account on top of this.
/// The platform's own web front-ends are the exception at the token endpoint: every person's code exchange and
/// refresh comes from the web's address, so a request that proves a web client's secret counts against that
/// client's own, larger budget — which nobody without the secret can spend (one person signing in again and
/// again used to spend the shared network budget and sign everybody else out).
/// </summary>
public static class CredentialLimits
{
    public const string Policy = "credentials";

    public static IHostApplicationBuilder AddCredentialLimits(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("Identity:CredentialPermitsPerMinute", 30);
        var webClientPermits = builder.Configuration.GetValue("Identity:WebClientTokenPermitsPerMinute", 1200);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method)) return RateLimitPartition.GetNoLimiter("reads");
                if (AuthenticatedWebClient(context) is { } client)
                    return RateLimitPartition.GetFixedWindowLimiter("web-client:" + client, _ => PerMinute(webClientPermits));
                return RateLimitPartition.GetFixedWindowLimiter(ClientNetwork.Of(context.Connection.RemoteIpAddress), _ => PerMinute(permits));
            });
        });
        return builder;
    }

    /// <summary>The limiter, after the token endpoint's form is read (buffered: OpenIddict reads the same parsed form).</summary>
    public static WebApplication UseCredentialLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/connect/token", StringComparison.Ordinal) && context.Request.HasFormContentType)
                await context.Request.ReadFormAsync(context.RequestAborted);
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    /// <summary>The web client whose id and secret this token request carries (form or Basic), or null.</summary>
    private static string? AuthenticatedWebClient(HttpContext context)
    {
        if (!context.Request.Path.Equals("/connect/token", StringComparison.Ordinal)) return null;
        var (id, secret) = Credentials(context.Request);
        if (id is null || secret is null) return null;
        var clients = context.RequestServices.GetRequiredService<IOptions<PlatformIdentityOptions>>().Value.WebClients;
        var client = clients.FirstOrDefault(c => c.ClientId == id);
        return client is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.ClientSecret))
            ? client.ClientId : null;
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())).Split(':', 2);
                if (pair.Length == 2) return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        if (!request.HasFormContentType || !request.Form.TryGetValue("client_id", out var id) || !request.Form.TryGetValue("client_secret", out var secret)) return (null, null);
        return (id.ToString(), secret.ToString());
    }
}
