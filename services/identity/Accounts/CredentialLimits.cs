using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// Rate limits where credentials are tried: sign-in, registration, password reset, invitations accepted
/// and the token endpoint. Per client network (IPv4 address, IPv6 /64) after the gateway's forwarded
/// headers; lockout after repeated failures protects each account on top of this.
/// </summary>
public static class CredentialLimits
{
    public const string Policy = "credentials";

    public static IHostApplicationBuilder AddCredentialLimits(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("Identity:CredentialPermitsPerMinute", 30);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(ClientNetwork.Of(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return builder;
    }

}
