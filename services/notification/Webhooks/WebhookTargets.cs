using System.Net;
using System.Net.Sockets;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>
/// Where webhooks may go: the public internet only. An address that resolves to a loopback, private, link-local
/// (the cloud metadata service), shared (CGNAT), multicast or unspecified address is refused when the subscription
/// is made, and again when each call connects (a name may resolve elsewhere later). Loopback is allowed only where
/// <see cref="WebhookOptions.AllowLoopbackHttp"/> is set (tests, whose partner runs on this machine).
/// </summary>
public static class WebhookTargets
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC /* fc00::/7 unique local */);
        }
        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => false,
            100 when v4[1] is >= 64 and <= 127 => false,  // 100.64.0.0/10 shared (CGNAT)
            169 when v4[1] == 254 => false,               // link-local, the metadata service
            172 when v4[1] is >= 16 and <= 31 => false,
            192 when v4[1] == 168 => false,
            192 when v4[1] == 0 && v4[2] is 0 or 2 => false, // IETF protocol assignments, TEST-NET-1
            198 when v4[1] is 18 or 19 => false,          // benchmarking
            >= 224 => false,                              // multicast, reserved
            _ => true,
        };
    }

    public static bool IsAllowed(IPAddress address, bool allowLoopback) => IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address));

    /// <summary>The refusal for this URL's host (every address it resolves to must be allowed), or null.</summary>
    public static async Task<string?> RefusalAsync(Uri url, bool allowLoopback, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            return "The host name does not resolve.";
        }
        if (addresses.Length == 0) return "The host name does not resolve.";
        return addresses.All(a => IsAllowed(a, allowLoopback)) ? null
            : "The address must be on the public internet (it resolves to a loopback, private or link-local address).";
    }

    /// <summary>Connects only to an allowed address of the host (checked at each connection: redirects are not followed either).</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => IsAllowed(a, allowLoopback)).ToList();
        if (allowed.Count == 0) throw new HttpRequestException(HttpRequestError.ConnectionError, "Refused: the partner's address is not on the public internet.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>What is stored and shown about a failed call: a category, never the exception's text (it names internal hosts).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error switch
        {
            HttpRequestError.NameResolutionError => "Name resolution failed",
            HttpRequestError.ConnectionError => "Connection failed or refused",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "Invalid response",
            _ => "Request failed",
        },
        TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException => "Timed out",
        _ => "Request failed",
    };
}
