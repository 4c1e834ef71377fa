using Polly.CircuitBreaker;
using Polly.Timeout;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>A person this service may write to, as the identity service answers.</summary>
public sealed record Recipient(string UserId, string Email, string DisplayName, string Language);

/// <summary>A committee member: a recipient with the départements they review (none: the whole région).</summary>
public sealed record CommitteeRecipient(string UserId, string Email, string DisplayName, string Language, IReadOnlyList<string> Departements)
{
    public Recipient AsRecipient() => new(UserId, Email, DisplayName, Language);
}

/// <summary>
/// Reads who to tell from the identity service with this service's own client-credentials token (scope
/// <c>recipients</c>, cached until shortly before it expires). Calls go through the standard resilience
/// pipeline (timeouts, a few quick retries, a breaker); when identity cannot answer, the consumer fails and
/// the bus retries it later — nothing is lost, nothing is sent to the wrong people.
/// </summary>
public sealed class IdentityRecipients(HttpClient http, ServiceToken token)
{
    public async Task<IReadOnlyList<Recipient>> OfOrganisationAsync(string organisationId, CancellationToken ct) =>
        await GetAsync<Recipient>($"api/identity/recipients/organisations/{Uri.EscapeDataString(organisationId)}", ct);

    public async Task<IReadOnlyList<CommitteeRecipient>> OfCommitteeAsync(string region, CancellationToken ct) =>
        await GetAsync<CommitteeRecipient>($"api/identity/recipients/committees/{Uri.EscapeDataString(region)}", ct);

    private async Task<List<T>> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(http, ct));
        using var response = await SendAsync(http, request, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest) return []; // not an id the identity service issues: nobody to tell
        if (IdentityUnavailableException.IsTransient(response.StatusCode)) throw new IdentityUnavailableException($"The identity service answered {(int)response.StatusCode} for recipients.");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The identity service refused the recipients request ({(int)response.StatusCode}).");
        return await response.Content.ReadFromJsonAsync<List<T>>(ct) ?? [];
    }

    /// <summary>An identity service that cannot be reached (restarting, network, its breaker open) is unavailable, not a refusal.</summary>
    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new IdentityUnavailableException($"The identity service could not be reached: {e.Message}", e);
        }
    }

}

/// <summary>This service's own access token (client credentials, scope <c>recipients</c>), shared by every call and renewed shortly before it expires.</summary>
public sealed class ServiceToken(IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? current;

    public async Task<string> GetAsync(HttpClient identity, CancellationToken ct)
    {
        if (current is { } cached && cached.Until > clock.GetUtcNow()) return cached.Token;
        await gate.WaitAsync(ct);
        try
        {
            if (current is { } again && again.Until > clock.GetUtcNow()) return again.Token;
            var settings = options.Value.Identity;
            using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = settings.ClientId, ["client_secret"] = settings.ClientSecret, ["scope"] = "recipients",
                }),
            };
            using var response = await IdentityRecipients.SendAsync(identity, request, ct);
            if (IdentityUnavailableException.IsTransient(response.StatusCode)) throw new IdentityUnavailableException($"The identity service could not issue this service's token ({(int)response.StatusCode}).");
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The identity service refused this service's token ({(int)response.StatusCode}): check Notification:Identity.");
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct) ?? throw new IdentityUnavailableException("Empty token answer.");
            current = (answer.access_token, clock.GetUtcNow().AddSeconds(Math.Max(5, answer.expires_in - 30)));
            return answer.access_token;
        }
        finally { gate.Release(); }
    }

    private sealed record TokenAnswer(string access_token, int expires_in);
}
