using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Notification.Recipients;

/// <summary>A person this service may write to, as the identity service answers.</summary>
public sealed record Recipient(string UserId, string Email, string DisplayName, string Language);

/// <summary>
/// Reads who to tell from the identity service with this service's own client-credentials token (scope
/// <c>recipients</c>, cached until shortly before it expires). Calls go through the standard resilience
/// pipeline (timeouts, a few quick retries, a breaker); when identity cannot answer, the consumer fails and
/// the bus retries it later — nothing is lost, nothing is sent to the wrong people.
/// </summary>
public sealed class IdentityRecipients(HttpClient http, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const string Client = "identity";
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? token;

    public async Task<IReadOnlyList<Recipient>> OfOrganisationAsync(string organisationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/identity/recipients/organisations/{Uri.EscapeDataString(organisationId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest) return []; // not an organisation id the identity service issues: nobody to tell
        if (!response.IsSuccessStatusCode) throw new IdentityUnavailableException($"The identity service answered {(int)response.StatusCode} for recipients.");
        return await response.Content.ReadFromJsonAsync<List<Recipient>>(ct) ?? [];
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (token is { } cached && cached.Until > clock.GetUtcNow()) return cached.Token;
        await gate.WaitAsync(ct);
        try
        {
            if (token is { } again && again.Until > clock.GetUtcNow()) return again.Token;
            var settings = options.Value.Identity;
            using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = settings.ClientId, ["client_secret"] = settings.ClientSecret, ["scope"] = "recipients",
            }), ct);
            if (!response.IsSuccessStatusCode) throw new IdentityUnavailableException($"The identity service refused this service's token ({(int)response.StatusCode}).");
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct) ?? throw new IdentityUnavailableException("Empty token answer.");
            token = (answer.access_token, clock.GetUtcNow().AddSeconds(Math.Max(10, answer.expires_in - 30)));
            return answer.access_token;
        }
        finally { gate.Release(); }
    }

    private sealed record TokenAnswer(string access_token, int expires_in);
}
