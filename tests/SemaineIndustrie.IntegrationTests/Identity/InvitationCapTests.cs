using System.Net;
using System.Net.Http.Json;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>Colleague invitations are mails to any address sent by any organisation member: a daily cap per organisation (here 2).</summary>
public sealed class InvitationCapTests : IAsyncLifetime
{
    private IdentityAlone identity = null!;

    public async Task InitializeAsync() => identity = await IdentityAlone.StartAsync(TestWebClient.Registered(new()
    {
        ["Identity:ColleagueInvitationsPerDay"] = "2",
    }));

    [Fact]
    public async Task An_organisation_sends_a_few_invitations_a_day_then_429()
    {
        using var organiser = new Person(identity.Address);
        var tokens = await organiser.AuthorizeAsync("openid account", DevelopmentAccounts.Organiser, DevelopmentAccounts.Password);
        using var api = Person.Bearer(identity.Address, tokens.AccessToken);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            answers.Add((await api.PostAsJsonAsync("/api/identity/organisations/mine/invitations", new { email = $"invite-{i}-{Guid.NewGuid():N}@ailleurs.test" })).StatusCode);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }

    public async Task DisposeAsync() => await identity.DisposeAsync();
}
