using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// Who may label events where: admins appoint reviewers by mailed invitation, a regional admin only in
/// their région, every change audited; a reviewer's token carries their committee and nothing else;
/// a removed reviewer loses access within the access-token lifetime.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CommitteeTests(Platform platform)
{
    private const string Scopes = "openid profile email offline_access review account";
    private const string NewPassword = "le comité du Gers se réunit";

    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@direccte.test";

    /// <summary>A seeded account signed in through the code flow (tokens as a web front-end gets them).</summary>
    private async Task<(Person Person, Person.Tokens Tokens)> SignedInAsync(string email, string scopes = Scopes)
    {
        var person = new Person(platform.Gateway);
        return (person, await person.AuthorizeAsync(scopes, email, DevelopmentAccounts.Password));
    }

    private async Task<(Person Person, Person.Tokens Tokens)> AcceptedReviewerAsync(string email, string invitedBy, string region, params string[] departements)
    {
        var (admin, adminTokens) = await SignedInAsync(invitedBy);
        using (admin)
        using (var api = Person.Bearer(platform.Gateway, adminTokens.AccessToken))
        {
            var invited = await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email, region, departements });
            Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);
        }
        var mail = await Mailbox.NextAsync(email);
        Assert.Contains("comité de labellisation", mail.Subject);
        var link = mail.Link(platform.Gateway + "compte/invitation");
        var reviewer = new Person(platform.Gateway);
        var accepted = await reviewer.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Name"] = "Dominique Relecteur", ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // Signed in by accepting: the code flow needs no password now.
        return (reviewer, await reviewer.AuthorizeAsync(Scopes));
    }

    [Fact]
    public async Task A_national_admin_invites_a_Gers_reviewer_whose_token_opens_only_the_Gers_queue()
    {
        var email = NewAddress("gers");
        var (reviewer, tokens) = await AcceptedReviewerAsync(email, DevelopmentAccounts.NationalAdmin, "76", "32");
        using var reviewerPerson = reviewer;
        var claims = Person.Claims(tokens.AccessToken);
        Assert.Equal("reviewer", claims.GetProperty("role").GetString());
        Assert.Equal("76", claims.GetProperty("region").GetString());
        Assert.Equal("32", claims.GetProperty("departement").GetString());
        Assert.Contains("si-review", claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("si-submission", claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));

        // A case in the Gers and one in the Haute-Garonne (same région): this reviewer sees the first only.
        using var organiser = await platform.ClientAsync(new DevTokenRequest("organiser", "u", OrganisationId: "org-committee-" + Guid.NewGuid().ToString("N")[..6]));
        var gers = await SubmitAsync(organiser, "32000", "Auch");
        var toulouse = await SubmitAsync(organiser, "31000", "Toulouse");
        var gersCase = await platform.CaseOfAsync(gers);
        var toulouseCase = await platform.CaseOfAsync(toulouse);

        using var api = Person.Bearer(platform.Gateway, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/review/cases/{gersCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/review/cases/{toulouseCase}")).StatusCode);
        Assert.All(await api.CaseSummariesAsync("departement=31"), c => Assert.Equal("32", c.Departement));
        var queues = await api.GetFromJsonAsync<JsonElement[]>("/api/review/queues");
        Assert.All(queues!, q => Assert.Equal("32", q.GetProperty("departement").GetString()));

        // The invitation is single use.
        var link = (await Mailbox.NextAsync(email)).Link(platform.Gateway + "compte/invitation");
        using var late = new Person(platform.Gateway);
        Assert.Contains("n'est plus valable", System.Net.WebUtility.HtmlDecode(await late.Http.GetStringAsync(link.PathAndQuery))); // as read: Razor writes ' as &#x27;
    }

    [Fact]
    public async Task A_regional_admin_appoints_in_their_region_only_and_every_change_is_audited()
    {
        var (admin, tokens) = await SignedInAsync(DevelopmentAccounts.RegionalAdmin);
        using var adminPerson = admin;
        using var api = Person.Bearer(platform.Gateway, tokens.AccessToken);
        var outside = await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email = NewAddress("gironde"), region = "75", departements = new[] { "33" } });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        var national = await api.PostAsJsonAsync("/api/identity/admins/invitations", new { email = NewAddress("admin") });
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);

        var badDepartement = await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email = NewAddress("x"), region = "76", departements = new[] { "33" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDepartement.StatusCode);
        Assert.True((await badDepartement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("departements[0]", out _));
        var badEmail = await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email = "pas une adresse", region = "76" });
        Assert.True((await badEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));

        var email = NewAddress("tarn");
        var (reviewer, reviewerTokens) = await AcceptedReviewerAsync(email, DevelopmentAccounts.RegionalAdmin, "76", "81");
        reviewer.Dispose();
        var userId = Person.Claims(reviewerTokens.AccessToken).GetProperty("sub").GetString()!;

        var members = await api.GetFromJsonAsync<JsonElement[]>("/api/identity/committees/76/members");
        Assert.Contains(members!, m => m.GetProperty("email").GetString() == email);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/identity/committees/75/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/identity/committees/members/{userId}", new { region = "75" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync($"/api/identity/committees/members/{userId}", new { region = "76", departements = new[] { "81", "82" } })).StatusCode);

        var audit = await api.GetFromJsonAsync<JsonElement[]>("/api/identity/audit?limit=500");
        var trail = audit!.Where(a => a.GetProperty("targetUser").GetString() == userId || a.GetProperty("details").ToString().Contains(email)).Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("invitation.reviewer.sent", trail);
        Assert.Contains("invitation.reviewer.accepted", trail);
        Assert.Contains("committee.seat.changed", trail);
        Assert.All(audit!, a => Assert.Equal("76", a.GetProperty("region").GetString())); // a regional admin reads their région's trail
    }

    [Fact]
    public async Task A_removed_reviewer_cannot_refresh_and_is_refused_once_the_access_token_expires()
    {
        var email = NewAddress("removed");
        var (reviewer, tokens) = await AcceptedReviewerAsync(email, DevelopmentAccounts.NationalAdmin, "76", "32");
        using var reviewerPerson = reviewer;
        using var api = Person.Bearer(platform.Gateway, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/review/queues")).StatusCode);

        var (admin, adminTokens) = await SignedInAsync(DevelopmentAccounts.NationalAdmin);
        using (admin)
        using (var adminApi = Person.Bearer(platform.Gateway, adminTokens.AccessToken))
        {
            var userId = Person.Claims(tokens.AccessToken).GetProperty("sub").GetString();
            Assert.Equal(HttpStatusCode.NoContent, (await adminApi.DeleteAsync($"/api/identity/committees/members/{userId}")).StatusCode);
        }
        var removedAt = DateTimeOffset.UtcNow;

        // A refresh now yields a token without the review API in its audience: refused at once.
        var refreshed = await reviewer.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal("organiser", Person.Claims(refreshed.AccessToken).GetProperty("role").GetString());
        using (var refreshedApi = Person.Bearer(platform.Gateway, refreshed.AccessToken))
            Assert.Equal(HttpStatusCode.Forbidden, (await refreshedApi.GetAsync("/api/review/queues")).StatusCode);
        using (var direct = Person.Bearer(platform.Review, refreshed.AccessToken))
            Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/review/queues")).StatusCode);

        // The access token already issued lives out its lifetime (documented), then the gateway and the service refuse it.
        using var directOld = Person.Bearer(platform.Review, tokens.AccessToken);
        await Eventually.Until(async () => (await api.GetAsync("/api/review/queues")).StatusCode == HttpStatusCode.Unauthorized
            && (await directOld.GetAsync("/api/review/queues")).StatusCode == HttpStatusCode.Unauthorized,
            "the removed reviewer's access token refused", TimeSpan.FromSeconds(90));
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Person.Claims(tokens.AccessToken).GetProperty("exp").GetInt64());
        Assert.True(DateTimeOffset.UtcNow - expiresAt < TimeSpan.FromSeconds(15), "refused within the lifetime plus the clock skew and the polling");
        Assert.True(expiresAt - removedAt <= TestKeys.AccessTokenLifetime);
    }

    private static async Task<Guid> SubmitAsync(HttpClient organiser, string postal, string commune)
    {
        var body = Samples.Submission("Atelier ouvert " + Guid.NewGuid().ToString("N")[..6]);
        body["venue"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Usine", ["street"] = "1 rue de l'Industrie", ["postalCode"] = postal, ["commune"] = commune };
        var response = await organiser.PostAsJsonAsync("/api/submissions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<SubmissionView>()).Id;
    }
}
