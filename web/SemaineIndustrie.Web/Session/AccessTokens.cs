using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SemaineIndustrie.Web.Session;

/// <summary>
/// The signed-in person's access token for calling the APIs, refreshed with the refresh token when it
/// expires within a minute (the new tokens are written back into the session cookie). Real time, not the
/// platform clock a local run shifts to 2018: the tokens carry real times. Null when the
/// session cannot be renewed (refresh refused: account removed, seat withdrawn, sessions ended…): the person signs in
/// again. A provider that cannot answer now (429, 5xx) ends nothing: the session stays and the next request retries.
/// Scoped to the request: a page that makes several API calls refreshes once and writes its session cookie once
/// (each call refreshed again before, as the request's cookie still held the old tokens: the case page answered
/// 42 KB of Set-Cookie, past a reverse proxy's header buffer, and spent rotated refresh tokens).
/// </summary>
public sealed class AccessTokens(IHttpContextAccessor http, IHttpClientFactory clients, IOptionsMonitor<OpenIdConnectOptions> oidc,
    ILogger<AccessTokens> logger)
{
    public const string TokenClient = "identity-token-endpoint";

    private readonly SemaphoreSlim once = new(1, 1);
    private bool read;
    private string? token;

    public async Task<string?> GetAsync(CancellationToken ct)
    {
        await once.WaitAsync(ct);
        try
        {
            if (!read)
            {
                token = await ReadOrRenewAsync(ct);
                read = true;
            }
            return token;
        }
        finally
        {
            once.Release();
        }
    }

    private async Task<string?> ReadOrRenewAsync(CancellationToken ct)
    {
        var context = http.HttpContext!;
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded || session.Properties is not { } properties) return null;
        var access = properties.GetTokenValue("access_token");
        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.MinValue;
        if (access is not null && expiresAt > DateTimeOffset.UtcNow.AddMinutes(1)) return access;

        var refresh = properties.GetTokenValue("refresh_token");
        if (refresh is null) return null;
        HttpResponseMessage response;
        try
        {
            response = (await PostAsClientAsync(c => c.TokenEndpoint, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }, ct))!;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return Unrenewed(access, expiresAt, e.GetType().Name);
        }
        using var _ = response;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // The provider refused this refresh token (invalid_grant: revoked, expired, sessions ended; invalid_client).
            logger.LogInformation("Refresh refused ({Status}): the session ends", (int)response.StatusCode);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return null;
        }
        if (!response.IsSuccessStatusCode) return Unrenewed(access, expiresAt, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        var body = (await response.Content.ReadFromJsonAsync<TokenAnswer>(ct))!;
        access = body.AccessToken;
        properties.UpdateTokenValue("access_token", access);
        if (body.RefreshToken is { } rolled) properties.UpdateTokenValue("refresh_token", rolled);
        properties.UpdateTokenValue("expires_at", DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.Principal!, properties);
        return access;
    }

    /// <summary>
    /// The provider could not renew now (429, 5xx, unreachable): the session is kept and the next request tries again;
    /// meanwhile the current access token serves while it is valid.
    /// </summary>
    private string? Unrenewed(string? access, DateTimeOffset expiresAt, string why)
    {
        logger.LogWarning("Refresh not possible now ({Why}): the session is kept and renewal retried at the next request", why);
        return expiresAt > DateTimeOffset.UtcNow ? access : null;
    }

    /// <summary>Revokes this session's refresh token at the provider (sign-out): a copy of the session cookie renews nothing afterwards.</summary>
    public async Task RevokeAsync(CancellationToken ct)
    {
        var session = await http.HttpContext!.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (session.Properties?.GetTokenValue("refresh_token") is not { } refresh) return;
        try
        {
            using var response = await PostAsClientAsync(c => c.RevocationEndpoint, new() { ["token"] = refresh, ["token_type_hint"] = "refresh_token" }, ct);
            if (response is null) logger.LogWarning("The provider publishes no revocation endpoint: the refresh token lives until it expires");
            else if (!response.IsSuccessStatusCode) logger.LogWarning("Revoking the refresh token at sign-out answered {Status}", (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Revoking the refresh token at sign-out failed: the session ends here, the token lives until it expires");
        }
    }

    /// <summary>A form posted as this confidential client to one of the provider's endpoints (from discovery); null when it publishes none.</summary>
    private async Task<HttpResponseMessage?> PostAsClientAsync(Func<OpenIdConnectConfiguration, string?> endpoint, Dictionary<string, string> form, CancellationToken ct)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        if (endpoint(await options.ConfigurationManager!.GetConfigurationAsync(ct)) is not { Length: > 0 } address) return null;
        form["client_id"] = options.ClientId!;
        form["client_secret"] = options.ClientSecret!;
        return await clients.CreateClient(TokenClient).PostAsync(address, new FormUrlEncodedContent(form), ct);
    }

    /// <summary>The token endpoint's answer (RFC 6749 §5.1), the fields the session keeps.</summary>
    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
