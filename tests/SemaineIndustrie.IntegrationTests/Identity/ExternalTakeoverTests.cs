using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// The attacks on sign-in through the external provider (issue 27, points 1 to 3), each played as the attacker
/// would: nobody takes over another's account, establishment or committee seat.
/// </summary>
[Collection(ExternalProviderCollection.Name)]
public sealed class ExternalTakeoverTests(ExternalProviderFixture fixture)
{
    private const string AttackerPassword = "le mot de passe choisi par l'attaquant";

    [Fact]
    public async Task An_address_registered_beforehand_by_someone_else_gives_them_nothing_once_its_owner_signs_in_through_the_provider()
    {
        var victim = $"agent-{Guid.NewGuid():N}@occitanie.gouv.test";
        await fixture.ProviderAccountAsync(victim, ExternalProviderFixture.ProviderPassword);

        // The attacker registers the victim's address with a password of their choosing; it is never confirmed.
        using (var attacker = new Person(fixture.Platform))
        {
            var registered = await attacker.SubmitAsync("/compte/inscription", new Dictionary<string, string>
            {
                ["Name"] = "Agent Occitanie", ["Email"] = victim, ["Password"] = AttackerPassword,
            });
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }
        // The national team invites the real person to a committee.
        using (var admin = new Person(fixture.Platform))
        {
            var tokens = await admin.AuthorizeAsync("openid account", DevelopmentAccounts.NationalAdmin, DevelopmentAccounts.Password);
            using var api = Person.Bearer(fixture.Platform, tokens.AccessToken);
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email = victim, region = "76", departements = new[] { "32" } })).StatusCode);
        }

        // The real person signs in through the provider and gets their seat.
        var (person, personTokens) = await fixture.SignInThroughProviderAsync(victim);
        person.Dispose();
        Assert.Equal("reviewer", Person.Claims(personTokens.AccessToken).GetProperty("role").GetString());

        // The attacker's password no longer opens anything: the account the provider vouched for has no password of theirs.
        using var again = new Person(fixture.Platform);
        var attempt = await again.SignInAsync(victim, AttackerPassword);
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode); // the sign-in page again, with its error; a redirect would be a session
        Assert.Contains("incorrect", await attempt.Content.ReadAsStringAsync());
        await using var scope = fixture.PlatformServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        Assert.False(await users.HasPasswordAsync((await users.FindByEmailAsync(victim))!));
    }

    [Fact]
    public async Task A_SIRET_typed_by_a_self_registered_organiser_attaches_nobody_and_does_not_keep_the_company_out()
    {
        const string siret = "38123456700018"; // a company's public SIRET
        var squatter = await LocalOrganiserAsync("squatteur");
        using var squatterApi = Person.Bearer(fixture.Platform, squatter);
        var squatted = await squatterApi.PostAsJsonAsync("/api/identity/organisations", new { name = "Fonderie du Gers", kind = "company", siret });
        Assert.Equal(HttpStatusCode.Created, squatted.StatusCode);
        var squattedOrg = (await squatted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("org").GetString();

        // An employee of that company signs in through the provider, which vouches for the SIRET.
        var employee = $"salariee-{Guid.NewGuid():N}@fonderie-gers.test";
        await fixture.ProviderAccountAsync(employee, ExternalProviderFixture.ProviderPassword, siret);
        var (person, tokens) = await fixture.SignInThroughProviderAsync(employee);
        person.Dispose();
        var employeeOrg = Person.Claims(tokens.AccessToken).GetProperty("org").GetString();
        Assert.NotNull(employeeOrg);
        Assert.NotEqual(squattedOrg, employeeOrg); // not joined to the squatter's organisation
        using var employeeApi = Person.Bearer(fixture.Platform, tokens.AccessToken);
        var theirs = await employeeApi.GetFromJsonAsync<JsonElement>("/api/identity/organisations/mine");
        Assert.True(theirs.GetProperty("siretVerified").GetBoolean());
        Assert.True(theirs.GetProperty("isManager").GetBoolean()); // the establishment's first person vouched for by the provider manages it

        // The hand-typed SIRET shows as unverified, and another honest organiser may type it too.
        Assert.False((await squatterApi.GetFromJsonAsync<JsonElement>("/api/identity/organisations/mine")).GetProperty("siretVerified").GetBoolean());
        using var other = Person.Bearer(fixture.Platform, await LocalOrganiserAsync("autre"));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/identity/organisations", new { name = "Fonderie du Gers (siège)", kind = "company", siret })).StatusCode);
    }

    [Fact]
    public async Task A_regional_admin_cannot_move_another_regions_reviewer_by_inviting_them()
    {
        var reviewer = $"direccte-na-{Guid.NewGuid():N}@direccte.test";
        await fixture.ProviderAccountAsync(reviewer, ExternalProviderFixture.ProviderPassword);
        await InviteAsync(DevelopmentAccounts.NationalAdmin, reviewer, "75", []);
        var (first, firstTokens) = await fixture.SignInThroughProviderAsync(reviewer);
        first.Dispose();
        Assert.Equal("75", Person.Claims(firstTokens.AccessToken).GetProperty("region").GetString());

        // Occitanie's admin tries to take Nouvelle-Aquitaine's reviewer: refused, naming the région that decides.
        var invited = await InviteAsync(DevelopmentAccounts.RegionalAdmin, reviewer, "76", ["32"]);
        Assert.Equal(HttpStatusCode.Conflict, invited.StatusCode);
        Assert.Contains("75", await invited.Content.ReadAsStringAsync());

        // An invitation staged before the seat existed is not applied behind the reviewer's back at their next sign-in.
        await using (var scope = fixture.PlatformServices.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
            var admin = await db.Users.SingleAsync(u => u.Email == DevelopmentAccounts.RegionalAdmin);
            db.Invitations.Add(new SemaineIndustrie.Identity.Committees.Invitation
            {
                Id = Guid.NewGuid(), Email = reviewer, Purpose = SemaineIndustrie.Identity.Committees.InvitationPurpose.Reviewer, Region = "76", Departements = ["32"],
                TokenHash = Guid.NewGuid().ToString("N"), InvitedBy = admin.Id, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            });
            await db.SaveChangesAsync();
        }
        var (again, againTokens) = await fixture.SignInThroughProviderAsync(reviewer);
        again.Dispose();
        Assert.Equal("75", Person.Claims(againTokens.AccessToken).GetProperty("region").GetString());
    }

    private async Task<HttpResponseMessage> InviteAsync(string adminEmail, string email, string region, string[] departements)
    {
        using var admin = new Person(fixture.Platform);
        var tokens = await admin.AuthorizeAsync("openid account", adminEmail, DevelopmentAccounts.Password);
        using var api = Person.Bearer(fixture.Platform, tokens.AccessToken);
        return await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email, region, departements });
    }

    /// <summary>A self-registered organiser with a confirmed address and a password (no provider): their access token.</summary>
    private async Task<string> LocalOrganiserAsync(string who)
    {
        var email = $"{who}-{Guid.NewGuid():N}@organisateurs.test";
        await using (var scope = fixture.PlatformServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
            var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = who, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, AttackerPassword)).Succeeded);
        }
        using var person = new Person(fixture.Platform);
        return (await person.AuthorizeAsync("openid account", email, AttackerPassword)).AccessToken;
    }
}
