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
        identity = await IdentityAlone.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:SeedDevelopmentAccounts"] = "false",
            ["Identity:CredentialPermitsPerMinute"] = "3",
        });
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

    public async Task DisposeAsync() => await identity.DisposeAsync();
}
