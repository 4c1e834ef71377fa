using System.Net;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>Where credentials are tried, a client network gets a few attempts a minute (here 3), then 429 with Retry-After.</summary>
public sealed class CredentialLimitTests : IAsyncLifetime
{
    private IdentityAlone identity = null!;
    private Uri address = null!;

    public async Task InitializeAsync()
    {
        identity = await IdentityAlone.StartAsync(TestWebClient.Registered(new()
        {
            ["Identity:SeedDevelopmentAccounts"] = "false",
            ["Identity:CredentialPermitsPerMinute"] = "3",
        }));
        address = identity.Address;
    }

    [Fact]
    public async Task Sign_in_registration_reset_and_token_attempts_share_a_small_budget_per_network()
    {
        using var person = new Person(address);
        var attempts = new List<HttpStatusCode>
        {
            (await person.SignInAsync("a@b.test", "mauvais mot de passe")).StatusCode,
            (await person.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = "a@b.test" })).StatusCode,
            (await person.TokenResponseAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, "nobody", "nothing")).StatusCode,
        };
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, attempts);

        var limited = await person.TokenResponseAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, "nobody", "nothing");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await person.SubmitAsync("/compte/inscription",
            new Dictionary<string, string> { ["Name"] = "X", ["Email"] = "x@y.test", ["Password"] = "une phrase de passe longue" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/compte/connexion")).StatusCode); // reading the page is not an attempt
    }

    /// <summary>
    /// Every person's code exchange and refresh reaches the token endpoint from the web front-end's address. Whoever
    /// spends that address's budget — with wrong secrets, or by signing in again and again — must not make the web's
    /// own requests fail: they prove the web client's secret and count against the web client's own budget.
    /// </summary>
    [Fact]
    public async Task Requests_that_prove_the_web_clients_secret_are_not_limited_by_what_others_spend_from_the_same_address()
    {
        using var someone = new Person(address);
        var wrongSecret = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            wrongSecret.Add((await someone.TokenResponseAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" }, TestWebClient.Id, "a guessed secret")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrongSecret[^1]); // the address's budget is spent

        using var web = new Person(address);
        for (var i = 0; i < 5; i++)
        {
            // The web's own requests (form-posted credentials, as ASP.NET Core's handler sends them) reach the endpoint.
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = "an expired refresh token", ["client_id"] = TestWebClient.Id, ["client_secret"] = TestWebClient.Secret,
            });
            var answer = await web.Http.PostAsync("/connect/token", form);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode); // invalid_grant from OpenIddict, not 429 from the limiter
        }
    }

    /// <summary>
    /// Behind the gateway (a trusted proxy: loopback here, the pod network in the manifests, which deploy/k8s/check.sh
    /// requires of every process), each visitor has their own budget: one visitor's failures block nobody else.
    /// </summary>
    [Fact]
    public async Task Behind_a_trusted_proxy_each_visitor_has_their_own_budget()
    {
        async Task<HttpStatusCode> AttemptFromAsync(string visitor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "nothing" }),
            };
            request.Headers.Add("X-Forwarded-For", visitor);
            using var http = new HttpClient { BaseAddress = address };
            return (await http.SendAsync(request)).StatusCode;
        }

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) first.Add(await AttemptFromAsync("203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, first[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await AttemptFromAsync("198.51.100.7"));
    }

    public async Task DisposeAsync() => await identity.DisposeAsync();
}
