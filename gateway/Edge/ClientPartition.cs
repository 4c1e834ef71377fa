using System.Net;
using System.Net.Sockets;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Gateway.Edge;

/// <summary>Who a request counts against for rate limits.</summary>
public static class ClientPartition
{
    /// <summary>
    /// The client's network: an IPv4 address as is, an IPv6 client by its /64 (one subscriber's allocation,
    /// which can otherwise rotate through 2^64 addresses), an IPv4-mapped IPv6 address as its IPv4 address.
    /// The address is the TCP peer unless the operator named trusted proxies (Gateway:TrustedProxies).
    /// </summary>
    public static string Network(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>An authenticated caller by organisation (organisers) or subject (staff); else by network.</summary>
    public static string Caller(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return "ip:" + Network(context.Connection.RemoteIpAddress);
        return user.FindFirst(PlatformClaims.Organisation)?.Value is { } org ? "org:" + org
            : "sub:" + (user.FindFirst(PlatformClaims.Subject)?.Value ?? Network(context.Connection.RemoteIpAddress));
    }
}
