namespace SemaineIndustrie.Web.Catalogue;

/// <summary>
/// Passes the visitor's address to the gateway (X-Forwarded-For), so that the public rate limit counts
/// visitors and not the web server: the operator names the web's address in the gateway's
/// Gateway:TrustedProxies (docs/gateway.md); without it every page counts against the web server itself.
/// </summary>
public sealed class ForwardClientAddress(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } client) request.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        return base.SendAsync(request, cancellationToken);
    }
}
