using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SemaineIndustrie.Web.Session;

/// <summary>The APIs through the gateway, as the signed-in person (their access token, refreshed when needed).</summary>
public sealed class PlatformApi(AccessTokens tokens, IHttpClientFactory clients)
{
    public const string Client = "platform-api";

    /// <returns>Null when the session cannot provide a token (the person must sign in again).</returns>
    public async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct, string? ifMatch = null)
    {
        var access = await tokens.GetAsync(ct);
        if (access is null) return null;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await clients.CreateClient(Client).SendAsync(request, ct);
    }
}
