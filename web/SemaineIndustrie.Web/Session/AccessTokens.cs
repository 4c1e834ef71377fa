using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Web.Session;

/// <summary>
/// The signed-in person's access token for calling the APIs, refreshed with the refresh token when it
/// expires within a minute (the new tokens are written back into the session cookie). Real time, not the
/// platform clock a local run shifts to 2018: the tokens carry real times. Null when the
/// session cannot be renewed (refresh refused: account removed, seat withdrawn…): the person signs in again.
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
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await clients.CreateClient(TokenClient).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = options.ClientId!, ["client_secret"] = options.ClientSecret!,
        }), ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("Refresh refused ({Status}): the session ends", (int)response.StatusCode);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return null;
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        access = body.GetProperty("access_token").GetString()!;
        properties.UpdateTokenValue("access_token", access);
        if (body.TryGetProperty("refresh_token", out var rolled)) properties.UpdateTokenValue("refresh_token", rolled.GetString()!);
        properties.UpdateTokenValue("expires_at", DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32()).ToString("o", CultureInfo.InvariantCulture));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.Principal!, properties);
        return access;
    }
}
