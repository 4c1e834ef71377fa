using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>The SMTP relay unreachable: a clear 503 (page message or problem+json), never a 500, and the person can retry.</summary>
public sealed class MailOutageTests : IAsyncLifetime
{
    private IdentityAlone identity = null!;
    private Uri address = null!;

    public async Task InitializeAsync()
    {
        identity = await IdentityAlone.StartAsync(TestWebClient.Registered(new()
        {
            ["Logging:LogLevel:Default"] = "None",
            ["Mail:Port"] = ServiceHost<SemaineIndustrie.Identity.ServiceMarker>.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), // nobody listens there
        }));
        address = identity.Address;
    }

    [Fact]
    public async Task Registration_and_invitations_answer_503_with_a_message_and_forgot_password_still_tells_nothing()
    {
        using var person = new Person(address);
        var register = await person.SubmitAsync("/compte/inscription", new Dictionary<string, string>
            { ["Name"] = "Camille", ["Email"] = $"panne-{Guid.NewGuid():N}@organisateurs.test", ["Password"] = "une phrase de passe longue" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, register.StatusCode);
        Assert.Contains("messagerie est momentanément indisponible", await register.Content.ReadAsStringAsync());

        var reset = await person.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = DevelopmentAccounts.Organiser });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Si un compte existe", await reset.Content.ReadAsStringAsync());

        var tokens = await person.AuthorizeAsync("openid account", DevelopmentAccounts.NationalAdmin, DevelopmentAccounts.Password);
        using var api = Person.Bearer(address, tokens.AccessToken);
        var invite = await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email = "x@direccte.test", region = "76" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, invite.StatusCode);
        Assert.Equal("application/problem+json", invite.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mail relay is unavailable", (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    public async Task DisposeAsync() => await identity.DisposeAsync();
}
