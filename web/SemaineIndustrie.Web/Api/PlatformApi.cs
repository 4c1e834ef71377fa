using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Api;

/// <summary>
/// The APIs through the gateway, as the signed-in person (their access token, refreshed when needed). Bodies are the
/// APIs' own records (contracts/…/Http), written and read with the APIs' JSON rules; the typed clients beside this
/// file name each call.
/// </summary>
public sealed class PlatformApi(AccessTokens tokens, IHttpClientFactory clients)
{
    public const string Client = "platform-api";

    /// <summary>The APIs' JSON: web defaults (camelCase), enums as camelCase names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// A call whose answer is a <typeparamref name="T"/> when it succeeds (<c>byte[]</c>: the body's bytes, e.g. a picture). The body is
    /// sent as JSON, or as it is when it is already <see cref="HttpContent"/> (a multipart upload).
    /// </summary>
    public async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, string? ifMatch = null)
    {
        var access = await tokens.GetAsync(ct);
        if (access is null) return ApiAnswer<T>.SignInNeeded;
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body, body.GetType(), options: Json) },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await clients.CreateClient(Client).SendAsync(request, ct);
        var etag = response.Headers.ETag?.Tag;
        if (!response.IsSuccessStatusCode) return new(response.StatusCode, default, await ApiProblem.ReadAsync(response, ct), etag);
        var value = typeof(T) == typeof(Nothing) || response.StatusCode == HttpStatusCode.NoContent ? default
            : typeof(T) == typeof(byte[]) ? (T)(object)await response.Content.ReadAsByteArrayAsync(ct)
            : await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return new(response.StatusCode, value, null, etag);
    }

    public Task<ApiAnswer<T>> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    /// <summary>A call whose answer's body the page does not need (only whether it was accepted).</summary>
    public Task<ApiAnswer<Nothing>> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, string? ifMatch = null) =>
        SendAsync<Nothing>(method, path, body, ct, ifMatch);
}

/// <summary>The answer of a call whose body is not read.</summary>
public readonly record struct Nothing;

/// <summary>
/// What an API answered a page: its record when it succeeded, its problem details when it refused, or that the
/// session can no longer provide a token (the person must sign in again).
/// </summary>
public sealed record ApiAnswer<T>(HttpStatusCode Status, T? Value, ProblemDocument? Problem, string? ETag)
{
    public static readonly ApiAnswer<T> SignInNeeded = new(0, default, null, null);

    public bool NeedsSignIn => Status == 0;
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>The refusal in one French sentence for the page.</summary>
    public string Describe() => ApiProblem.Describe(Problem, Status);
}
