using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// Someone using the identity pages through the gateway as a browser would (cookies, forms with their
/// antiforgery token, redirects followed by hand), and the confidential web client of the code flow
/// acting on their behalf (authorization code + PKCE, client secret at the token endpoint).
/// </summary>
public sealed partial class Person(Uri gateway) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = gateway };

    public HttpClient Http => http;

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

    /// <summary>GETs a page and posts its form with these fields (plus the page's antiforgery token and hidden fields).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields)
    {
        var page = await http.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = HiddenInputs(html);
        foreach (var (key, value) in fields) form[key] = value;
        return await http.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        await SubmitAsync("/compte/connexion" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>
    /// The code flow as the test web client: authorize (signing in on the way when needed), then redeem
    /// the code with the PKCE verifier and the client secret.
    /// </summary>
    public async Task<Tokens> AuthorizeAsync(string scopes, string? email = null, string? password = null)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var authorize = "/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = TestWebClient.Id, ["response_type"] = "code", ["redirect_uri"] = TestWebClient.RedirectUri,
            ["scope"] = scopes, ["state"] = state, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var response = await http.GetAsync(authorize);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/compte/connexion", StringComparison.Ordinal))
        {
            var returnUrl = QueryValue(response.Headers.Location, "ReturnUrl")!;
            var signIn = await SignInAsync(email!, password!, returnUrl);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            response = await http.GetAsync(signIn.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var callback = response.Headers.Location!;
        Assert.StartsWith(TestWebClient.RedirectUri, callback.AbsoluteUri);
        Assert.Equal(state, QueryValue(callback, "state"));
        var code = QueryValue(callback, "code") ?? throw new InvalidOperationException("no code in " + callback);

        return await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = TestWebClient.RedirectUri, ["code_verifier"] = verifier,
        });
    }

    public Task<Tokens> RefreshAsync(string refreshToken) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public async Task<HttpResponseMessage> TokenResponseAsync(IDictionary<string, string> form, string clientId = TestWebClient.Id, string clientSecret = TestWebClient.Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        return await http.SendAsync(request);
    }

    private async Task<Tokens> TokenAsync(IDictionary<string, string> form)
    {
        var response = await TokenResponseAsync(form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return new Tokens(body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            body.TryGetProperty("id_token", out var id) ? id.GetString() : null,
            body.GetProperty("expires_in").GetInt32());
    }

    /// <summary>Follows redirects by hand (across hosts: the provider and the platform), up to the first non-redirect or a stop address.</summary>
    public async Task<(HttpResponseMessage Response, Uri Address)> FollowAsync(Uri address, Func<Uri, bool>? stopAt = null)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var response = await http.GetAsync(address);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)) return (response, address);
            address = new Uri(address, response.Headers.Location!);
            if (stopAt?.Invoke(address) == true) return (response, address);
        }
        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>A client of the gateway carrying <paramref name="accessToken"/>.</summary>
    public static HttpClient Bearer(Uri baseAddress, string accessToken)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>The claims of a JWT's payload (the token is validated by the services, not here).</summary>
    public static JsonElement Claims(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.Clone();

    public static string? QueryValue(Uri uri, string name)
    {
        var query = uri.IsAbsoluteUri ? uri.Query : uri.OriginalString.Contains('?') ? uri.OriginalString[uri.OriginalString.IndexOf('?')..] : "";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue(name, out var v) ? v.ToString() : null;
    }

    private static Dictionary<string, string> HiddenInputs(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*name="(?<name>[^"]+)"[^>]*type="hidden"[^>]*value="(?<value>[^"]*)""")]
    private static partial Regex HiddenInput();

    public void Dispose() => http.Dispose();
}
