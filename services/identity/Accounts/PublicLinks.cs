using Microsoft.Extensions.Options;
using SemaineIndustrie.Identity.Tokens;

namespace SemaineIndustrie.Identity.Accounts;

/// <summary>The absolute links mails carry: under Identity:PublicBaseUrl, else the issuer, else the request's own address.</summary>
public sealed class PublicLinks(IOptions<PlatformIdentityOptions> options, IHttpContextAccessor http)
{
    public Uri To(string path, params (string Name, string Value)[] query)
    {
        var request = http.HttpContext?.Request;
        var root = options.Value.PublicBaseUrl ?? options.Value.Issuer
            ?? new Uri($"{request?.Scheme}://{request?.Host}{request?.PathBase}/");
        var text = new Uri(root, path.TrimStart('/')).AbsoluteUri;
        if (query.Length > 0) text += QueryString.Create(query.Select(q => KeyValuePair.Create(q.Name, (string?)q.Value)));
        return new Uri(text);
    }
}
