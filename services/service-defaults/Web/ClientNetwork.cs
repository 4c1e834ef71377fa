using System.Net;
using System.Net.Sockets;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>What a client counts as for rate limits, at the gateway and in the identity service.</summary>
public static class ClientNetwork
{
    /// <summary>
    /// The client's network: an IPv4 address as is, an IPv6 client by its /64 (one subscriber's allocation,
    /// which can otherwise rotate through 2^64 addresses), an IPv4-mapped IPv6 address as its IPv4 address.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
