using System.Net;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>Who a request counts against for rate limits.</summary>
public static class ClientPartition
{
    /// <summary>The client's network (<see cref="ClientNetwork"/>): the TCP peer unless the operator named trusted proxies (Gateway:TrustedProxies).</summary>
    public static string Network(IPAddress? address) => ClientNetwork.Of(address);

    /// <summary>An authenticated caller by organisation (organisers) or subject (staff); else by network.</summary>
    public static string Caller(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return "ip:" + Network(context.Connection.RemoteIpAddress);
        return user.FindFirst(PlatformClaims.Organisation)?.Value is { } org ? "org:" + org
            : "sub:" + (user.FindFirst(PlatformClaims.Subject)?.Value ?? Network(context.Connection.RemoteIpAddress));
    }
}
