using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SemaineIndustrie.Identity;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// Two instances of the identity service: one plays ProConnect (the external provider, on "localhost" so
/// that its cookies never mix with the platform's on 127.0.0.1), the other is the platform, which
/// delegates sign-in to it through OpenIddict's client.
/// </summary>
public sealed class ExternalProviderFixture : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();
    private readonly List<IAsyncDisposable> hosts = [];
    private IServiceProvider providerServices = null!;

    public Uri Provider { get; private set; } = null!;
    public Uri Platform { get; private set; } = null!;
    public IServiceProvider PlatformServices { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infra.InitializeAsync();
        var providerPort = ServiceHost<ServiceMarker>.FreePort();
        var platformPort = ServiceHost<ServiceMarker>.FreePort();
        Provider = new Uri($"http://localhost:{providerPort}/");
        Platform = new Uri($"http://127.0.0.1:{platformPort}/");

        var provider = new ServiceHost<ServiceMarker>(await IdentityHostSettings.ForAsync(infra, "identity_provider", new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Provider.ToString(),
            ["Identity:Keys:Signing:0"] = SemaineIndustrie.Identity.Tokens.KeyRing.NewPem(),
            ["Identity:Keys:Encryption:0"] = SemaineIndustrie.Identity.Tokens.KeyRing.NewPem(),
            ["Identity:SeedDevelopmentAccounts"] = "false",
            ["Identity:WebClients:0:ClientId"] = "semaine-industrie",
            ["Identity:WebClients:0:ClientSecret"] = "secret-of-the-platform-at-the-provider",
            ["Identity:WebClients:0:RedirectUris:0"] = Platform + "compte/externe/retour",
        }), port: providerPort);
        hosts.Add(provider);
        provider.Start();
        providerServices = provider.Services;

        var platform = new ServiceHost<ServiceMarker>(await IdentityHostSettings.ForAsync(infra, "identity_platform", new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Platform.ToString(),
            ["Identity:WebClients:0:ClientId"] = TestWebClient.Id,
            ["Identity:WebClients:0:ClientSecret"] = TestWebClient.Secret,
            ["Identity:WebClients:0:RedirectUris:0"] = TestWebClient.RedirectUri,
            ["Identity:External:0:Name"] = "proconnect",
            ["Identity:External:0:DisplayName"] = "ProConnect",
            ["Identity:External:0:Issuer"] = Provider.ToString(),
            ["Identity:External:0:ClientId"] = "semaine-industrie",
            ["Identity:External:0:ClientSecret"] = "secret-of-the-platform-at-the-provider",
            // Our provider speaks standard OpenID Connect scopes; ProConnect's are given_name, usual_name, uid, siret.
            ["Identity:External:0:Scopes:0"] = "openid", ["Identity:External:0:Scopes:1"] = "profile",
            ["Identity:External:0:Scopes:2"] = "email", ["Identity:External:0:Scopes:3"] = "siret",
        }), port: platformPort);
        hosts.Add(platform);
        platform.Start();
        PlatformServices = platform.Services;
    }

    /// <summary>A person with an account at the provider (a verified address), optionally in an establishment with that SIRET.</summary>
    public async Task<string> ProviderAccountAsync(string email, string password, string? siret = null)
    {
        await using var scope = providerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Fédéré", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        if (siret is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
            var organisation = db.Organisations.SingleOrDefault(o => o.Siret == siret);
            if (organisation is null)
            {
                db.Organisations.Add(organisation = new Organisation { Id = Guid.NewGuid(), Name = "Établissement " + siret, Kind = SemaineIndustrie.Contracts.OrganisationKind.Company, Siret = siret, SiretVerifiedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
            }
            db.Members.Add(new OrganisationMember { UserId = user.Id, OrganisationId = organisation.Id, Since = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        return user.Id;
    }

    public const string ProviderPassword = "mot de passe chez le fournisseur";

    /// <summary>"S'identifier avec ProConnect" → the provider's sign-in → back on the platform, signed in; then the platform's own tokens.</summary>
    public async Task<(Person Person, Person.Tokens Tokens)> SignInThroughProviderAsync(string email, string scopes = "openid account submissions review")
    {
        var person = new Person(Platform);
        var (toProvider, providerLogin) = await person.FollowAsync(new Uri(Platform, "/compte/externe/proconnect?returnUrl=/compte"),
            stopAt: address => address.AbsolutePath == "/compte/connexion" && address.Host == "localhost");
        Assert.True(toProvider.StatusCode == HttpStatusCode.Redirect, $"{providerLogin}: {toProvider.StatusCode} {await toProvider.Content.ReadAsStringAsync()}");
        var signedIn = await person.SubmitAsync(providerLogin.AbsoluteUri, new Dictionary<string, string> { ["Email"] = email, ["Password"] = ProviderPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (landing, address) = await person.FollowAsync(new Uri(providerLogin, signedIn.Headers.Location!));
        Assert.True(new Uri(Platform, "/compte") == address, $"{address}: {landing.StatusCode} {await landing.Content.ReadAsStringAsync()}");
        Assert.Contains(email, await landing.Content.ReadAsStringAsync());
        return (person, await person.AuthorizeAsync(scopes));
    }

    public async Task DisposeAsync()
    {
        for (var i = hosts.Count - 1; i >= 0; i--) await hosts[i].DisposeAsync();
        await infra.DisposeAsync();
    }
}

/// <summary>The provider and the platform, shared by the sign-in journeys and the attacks on them.</summary>
[CollectionDefinition(Name)]
public sealed class ExternalProviderCollection : ICollectionFixture<ExternalProviderFixture>
{
    public const string Name = "external provider";
}

[Collection(ExternalProviderCollection.Name)]
public sealed class ExternalSignInTests(ExternalProviderFixture fixture)
{
    private const string Password = ExternalProviderFixture.ProviderPassword;

    private Task<(Person Person, Person.Tokens Tokens)> SignInThroughProviderAsync(string email, string scopes = "openid account submissions review") =>
        fixture.SignInThroughProviderAsync(email, scopes);

    [Fact]
    public async Task An_organiser_is_attached_to_the_organisation_of_their_SIRET_created_at_the_first_sign_in_and_joined_afterwards()
    {
        const string siret = "73282932000074";
        var first = $"premier-{Guid.NewGuid():N}@federation.test";
        var second = $"second-{Guid.NewGuid():N}@federation.test";
        await fixture.ProviderAccountAsync(first, Password, siret);
        await fixture.ProviderAccountAsync(second, Password, siret);

        var (p1, t1) = await SignInThroughProviderAsync(first);
        var (p2, t2) = await SignInThroughProviderAsync(second);
        p1.Dispose(); p2.Dispose();
        var org = Person.Claims(t1.AccessToken).GetProperty("org").GetString();
        Assert.NotNull(org);
        Assert.Equal(org, Person.Claims(t2.AccessToken).GetProperty("org").GetString());
        Assert.Equal("organiser", Person.Claims(t2.AccessToken).GetProperty("role").GetString());

        using var api = Person.Bearer(fixture.Platform, t2.AccessToken);
        var mine = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/identity/organisations/mine");
        Assert.Equal(siret, mine.GetProperty("siret").GetString());
        Assert.False(mine.GetProperty("isManager").GetBoolean()); // the first one from the establishment manages it
    }

    [Fact]
    public async Task The_seeded_establishment_is_joined_by_its_SIRET()
    {
        var email = $"forges-{Guid.NewGuid():N}@forges-gascogne.test";
        await fixture.ProviderAccountAsync(email, Password, "41023128000018"); // the seeded Forges de Gascogne's SIRET
        var (person, tokens) = await SignInThroughProviderAsync(email);
        person.Dispose();
        Assert.Equal("f0e6e5c020184e1a9c2a000000000032", Person.Claims(tokens.AccessToken).GetProperty("org").GetString());
    }

    [Fact]
    public async Task A_reviewer_invited_by_the_platform_gets_their_committee_when_signing_in_through_the_provider()
    {
        var email = $"copil-{Guid.NewGuid():N}@direccte.test";
        await fixture.ProviderAccountAsync(email, Password);

        using (var admin = new Person(fixture.Platform))
        {
            var adminTokens = await admin.AuthorizeAsync("openid account", DevelopmentAccounts.NationalAdmin, DevelopmentAccounts.Password);
            using var api = Person.Bearer(fixture.Platform, adminTokens.AccessToken);
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/identity/committees/invitations", new { email, region = "76", departements = new[] { "32" } })).StatusCode);
        }

        var (person, tokens) = await SignInThroughProviderAsync(email);
        person.Dispose();
        var claims = Person.Claims(tokens.AccessToken);
        Assert.Equal("reviewer", claims.GetProperty("role").GetString());
        Assert.Equal("76", claims.GetProperty("region").GetString());
        Assert.Equal("32", claims.GetProperty("departement").GetString());
        Assert.False(claims.TryGetProperty("org", out _));

        // Afterwards the same identity signs in again and keeps the seat; nobody else can use that address's invitation.
        var (again, againTokens) = await SignInThroughProviderAsync(email);
        again.Dispose();
        Assert.Equal("32", Person.Claims(againTokens.AccessToken).GetProperty("departement").GetString());
    }
}
