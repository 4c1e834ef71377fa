using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SemaineIndustrie.Web.Session;
using Xunit;

namespace SemaineIndustrie.UnitTests;

/// <summary>
/// The web front-end renews a session's access token with its refresh token, against a real local HTTP server playing
/// the identity service's token endpoint (ASP.NET Core's authentication service is replaced by a recorder: which
/// session it holds, whether it was written or ended). A provider that cannot answer now ends nothing; a refusal does.
/// </summary>
public sealed class SessionRenewalTests : IDisposable
{
    private readonly HttpListener endpoint = new();
    private readonly Uri address;
    private int calls;
    private (int Status, string Body) answer;

    public SessionRenewalTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        address = new Uri($"http://127.0.0.1:{port}/connect/token");
        endpoint.Prefixes.Add($"http://127.0.0.1:{port}/");
        endpoint.Start();
        _ = Task.Run(async () =>
        {
            while (endpoint.IsListening)
            {
                HttpListenerContext context;
                try { context = await endpoint.GetContextAsync(); } catch (Exception) { return; }
                Interlocked.Increment(ref calls);
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(answer.Body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_provider_that_cannot_answer_now_keeps_the_session_and_the_current_token_serves(int status)
    {
        answer = (status, """{"error":"temporarily_unavailable"}""");
        var (tokens, session) = Session(expiresIn: TimeSpan.FromSeconds(30)); // due for renewal, still valid
        Assert.Equal("current-access-token", await tokens.GetAsync(CancellationToken.None));
        Assert.False(session.SignedOut);
        Assert.Equal(0, session.SignIns);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_refusal_ends_the_session()
    {
        answer = (400, """{"error":"invalid_grant"}""");
        var (tokens, session) = Session(expiresIn: TimeSpan.FromSeconds(30));
        Assert.Null(await tokens.GetAsync(CancellationToken.None));
        Assert.True(session.SignedOut);
    }

    [Fact]
    public async Task A_page_renews_once_and_writes_its_session_once_however_many_calls_it_makes()
    {
        answer = (200, """{"access_token":"renewed-access-token","refresh_token":"rolled","expires_in":300}""");
        var (tokens, session) = Session(expiresIn: TimeSpan.FromSeconds(30));
        var got = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tokens.GetAsync(CancellationToken.None)));
        Assert.All(got, token => Assert.Equal("renewed-access-token", token));
        Assert.Equal(1, calls);
        Assert.Equal(1, session.SignIns);
    }

    private (AccessTokens Tokens, RecordingAuthentication Session) Session(TimeSpan expiresIn)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = "current-access-token" },
            new AuthenticationToken { Name = "refresh_token", Value = "current-refresh-token" },
            new AuthenticationToken { Name = "expires_at", Value = DateTimeOffset.UtcNow.Add(expiresIn).ToString("o", CultureInfo.InvariantCulture) },
        ]);
        var session = new RecordingAuthentication(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), properties, CookieAuthenticationDefaults.AuthenticationScheme));
        var services = new ServiceCollection().AddSingleton<IAuthenticationService>(session).AddHttpClient().BuildServiceProvider();
        var oidc = new OpenIdConnectOptions
        {
            ClientId = "web", ClientSecret = "secret",
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration { TokenEndpoint = address.AbsoluteUri }),
        };
        var tokens = new AccessTokens(new HttpContextAccessor { HttpContext = new DefaultHttpContext { RequestServices = services } },
            services.GetRequiredService<IHttpClientFactory>(), new Fixed(oidc), NullLogger<AccessTokens>.Instance);
        return (tokens, session);
    }

    private sealed class Fixed(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;
        public OpenIdConnectOptions Get(string? name) => options;
        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }

    /// <summary>The session cookie as ASP.NET Core's authentication service would read and write it.</summary>
    private sealed class RecordingAuthentication(AuthenticationTicket ticket) : IAuthenticationService
    {
        public bool SignedOut { get; private set; }
        public int SignIns { get; private set; }
        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(AuthenticateResult.Success(ticket));
        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) { SignIns++; return Task.CompletedTask; }
        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) { SignedOut = true; return Task.CompletedTask; }
        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
    }

    public void Dispose() => endpoint.Close();
}
