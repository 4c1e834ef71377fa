using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>Who to tell is for the platform's notification service only: its client-credentials token with the recipients scope.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RecipientsApiTests(Platform platform)
{
    private const string ForgesDeGascogne = "f0e6e5c020184e1a9c2a000000000032";

    private async Task<HttpResponseMessage> TokenAsync(string clientId, string secret, string scope)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway };
        return await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
    }

    private async Task<HttpClient> BearerAsync(HttpResponseMessage token)
    {
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var client = new HttpClient { BaseAddress = platform.Gateway };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    [Fact]
    public async Task The_notification_service_reads_an_organisations_members_and_nobody_else_can()
    {
        using var service = await BearerAsync(await TokenAsync(NotificationSettings.ClientId, NotificationSettings.ClientSecret, "recipients"));
        var members = await service.GetFromJsonAsync<JsonElement[]>($"/api/identity/recipients/organisations/{ForgesDeGascogne}");
        var organiser = Assert.Single(members!, m => m.GetProperty("email").GetString() == DevelopmentAccounts.Organiser);
        Assert.Equal(["userId", "email", "displayName", "language"], organiser.EnumerateObject().Select(p => p.Name)); // nothing more about people
        Assert.Equal(HttpStatusCode.BadRequest, (await service.GetAsync("/api/identity/recipients/organisations/not-an-organisation")).StatusCode);
        var committee = await service.GetFromJsonAsync<JsonElement[]>("/api/identity/recipients/committees/76");
        Assert.Contains(committee!, m => m.GetProperty("email").GetString() == DevelopmentAccounts.GersReviewer && m.GetProperty("departements").EnumerateArray().Single().GetString() == "32");

        // A person's token, and an organisation's integration asking for the scope, are refused.
        using var person = await platform.ClientAsync(new DevTokenRequest(Email: DevelopmentAccounts.Organiser));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync($"/api/identity/recipients/organisations/{ForgesDeGascogne}")).StatusCode);
        using var integration = await BearerAsync(await TokenAsync(DevelopmentAccounts.IntegrationClientId, DevelopmentAccounts.IntegrationClientSecret, "submissions"));
        Assert.NotEqual(HttpStatusCode.OK, (await integration.GetAsync($"/api/identity/recipients/organisations/{ForgesDeGascogne}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(NotificationSettings.ClientId, "wrong-secret", "recipients")).StatusCode);
    }
}
