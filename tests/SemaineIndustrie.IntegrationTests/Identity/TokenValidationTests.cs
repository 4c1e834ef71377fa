using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SemaineIndustrie.Identity.Development;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// One signing authority: the gateway and each service take only tokens the identity service signed, for
/// them, still valid. Discovery and JWKS are at the standard addresses.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TokenValidationTests(Platform platform)
{
    [Fact]
    public async Task Discovery_and_JWKS_are_at_the_standard_addresses_and_publish_only_public_keys()
    {
        using var client = new HttpClient { BaseAddress = platform.Gateway };
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(platform.Issuer.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(m => m.GetString()));

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _)); // no private part
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Signing);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), key.GetProperty("n").GetString()); // the configured key, not a generated one
    }

    public static TheoryData<string> Forgeries() => ["foreign key", "expired", "other issuer", "other audience", "HS256 with a guessed secret", "unsigned"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_expired_and_misaddressed_tokens_are_refused_at_the_gateway_and_at_each_service(string forgery)
    {
        var token = Forge(forgery);
        foreach (var (address, path) in new[]
        {
            (platform.Gateway, "/api/submissions"), (platform.Submission, "/admin/messaging/error-queues"),
            (platform.Gateway, "/api/review/queues"), (platform.Review, "/api/review/queues"),
            (platform.Geocoding, "/admin/messaging/error-queues"), (platform.Publication, "/admin/messaging/error-queues"),
            (platform.Identity, "/api/identity/me"),
        })
        {
            using var client = Person.Bearer(address, token);
            Assert.True(HttpStatusCode.Unauthorized == (await client.GetAsync(path)).StatusCode, $"{forgery} at {address}{path}");
        }

        // The control: the same claims, signed by the provider's key for the right audiences, pass everywhere.
        var genuine = Forge("genuine");
        using var submission = Person.Bearer(platform.Submission, genuine);
        Assert.Equal(HttpStatusCode.OK, (await submission.GetAsync("/admin/messaging/error-queues")).StatusCode);
        using var review = Person.Bearer(platform.Gateway, genuine);
        Assert.Equal(HttpStatusCode.OK, (await review.GetAsync("/api/review/queues")).StatusCode);
        using var publication = Person.Bearer(platform.Publication, genuine);
        Assert.Equal(HttpStatusCode.OK, (await publication.GetAsync("/admin/messaging/error-queues")).StatusCode);
    }

    /// <summary>An admin token (every API's audience) with one thing wrong, or nothing for "genuine".</summary>
    private string Forge(string forgery)
    {
        if (forgery == "unsigned")
        {
            return Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""") + "." +
                   Base64UrlEncoder.Encode($$"""{"iss":"{{platform.Issuer}}","aud":"si-submission","sub":"x","role":"admin","exp":{{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}""") + ".";
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(forgery == "foreign key" ? SemaineIndustrie.Identity.Tokens.KeyRing.NewPem() : TestKeys.Signing);
        var real = new RsaSecurityKey(rsa.ExportParameters(true));
        real.KeyId = SigningKeyId(rsa);
        SigningCredentials credentials = forgery == "HS256 with a guessed secret"
            ? new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("semaine-industrie-development-signing-key-not-for-production")), SecurityAlgorithms.HmacSha256)
            : new SigningCredentials(real, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = forgery == "other issuer" ? "https://issuer.example.org/" : platform.Issuer.ToString(),
            Subject = new ClaimsIdentity([new Claim("sub", "forger"), new Claim("role", "admin")]),
            IssuedAt = forgery == "expired" ? now.AddMinutes(-10) : now,
            NotBefore = forgery == "expired" ? now.AddMinutes(-10) : now,
            Expires = forgery == "expired" ? now.AddMinutes(-5) : now.AddMinutes(5),
            TokenType = "at+jwt",
            SigningCredentials = credentials,
        };
        foreach (var audience in forgery == "other audience" ? ["another-api"] : SemaineIndustrie.ServiceDefaults.Auth.PlatformAudiences.All) descriptor.Audiences.Add(audience);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The key id the provider gives its configured key (derived from the public key).</summary>
    private static string SigningKeyId(RSA rsa)
    {
        var p = rsa.ExportParameters(false);
        return Base64UrlEncoder.Encode(SHA256.HashData([.. p.Modulus!, .. p.Exponent!]))[..16];
    }

    [Fact]
    public async Task An_organisations_API_client_posts_submissions_until_it_is_revoked()
    {
        using var organiser = new Person(platform.Gateway);
        var tokens = await organiser.AuthorizeAsync("openid offline_access submissions account", DevelopmentAccounts.Organiser, DevelopmentAccounts.Password);
        using var account = Person.Bearer(platform.Gateway, tokens.AccessToken);
        var created = await account.PostAsJsonAsync("/api/identity/organisations/mine/clients", new { name = "SI de la fédération" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = client.GetProperty("clientId").GetString()!;
        var secret = client.GetProperty("clientSecret").GetString()!;

        var listed = await account.GetFromJsonAsync<JsonElement[]>("/api/identity/organisations/mine/clients");
        var entry = Assert.Single(listed!, c => c.GetProperty("clientId").GetString() == clientId);
        Assert.DoesNotContain(secret, entry.ToString()); // shown once

        using var system = new Person(platform.Gateway);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "submissions" };
        var issued = await system.TokenResponseAsync(form, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var access = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var claims = Person.Claims(access);
        Assert.Equal(Person.Claims(tokens.AccessToken).GetProperty("org").GetString(), claims.GetProperty("org").GetString());
        // Its demands and their conversations with the committees (held by the review service, organisers' routes only).
        Assert.Equal(["si-review", "si-submission"], claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()!).Order());
        using (var integration = Person.Bearer(platform.Gateway, access))
        {
            Assert.Equal(HttpStatusCode.Created, (await integration.PostAsJsonAsync("/api/submissions", Samples.Submission("Import de la fédération"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync("/api/review/queues")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await system.TokenResponseAsync(new Dictionary<string, string>
            { ["grant_type"] = "client_credentials", ["scope"] = "review" }, clientId, secret)).StatusCode); // not this client's scope
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.TokenResponseAsync(form, clientId, secret + "x")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await account.DeleteAsync($"/api/identity/organisations/mine/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.TokenResponseAsync(form, clientId, secret)).StatusCode);
    }

    [Fact]
    public async Task A_colleague_invited_by_mail_joins_the_organisation_but_cannot_create_API_clients()
    {
        using var organiser = new Person(platform.Gateway);
        var tokens = await organiser.AuthorizeAsync("openid submissions account", DevelopmentAccounts.Organiser, DevelopmentAccounts.Password);
        using var account = Person.Bearer(platform.Gateway, tokens.AccessToken);
        var email = $"collegue-{Guid.NewGuid():N}@forges-gascogne.test";
        Assert.Equal(HttpStatusCode.Accepted, (await account.PostAsJsonAsync("/api/identity/organisations/mine/invitations", new { email })).StatusCode);

        var mail = await Mailbox.NextAsync(email);
        Assert.DoesNotContain("Forges de Gascogne", mail.Subject); // the organisation's name is free text: in the body only
        Assert.Contains("Forges de Gascogne", mail.Html);
        using var colleague = new Person(platform.Gateway);
        var accepted = await colleague.SubmitAsync(mail.Link(platform.Gateway + "compte/invitation").PathAndQuery,
            new Dictionary<string, string> { ["Name"] = "Alex Collègue", ["Password"] = "les forges ouvrent leurs portes" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var colleagueTokens = await colleague.AuthorizeAsync("openid submissions account");
        Assert.Equal(Person.Claims(tokens.AccessToken).GetProperty("org").GetString(), Person.Claims(colleagueTokens.AccessToken).GetProperty("org").GetString());
        using var colleagueApi = Person.Bearer(platform.Gateway, colleagueTokens.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueApi.PostAsJsonAsync("/api/identity/organisations/mine/clients", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_service_that_cannot_load_the_signing_keys_yet_answers_503_with_Retry_After_instead_of_refusing_a_valid_token()
    {
        // A token minted while identity is up; then identity goes down and the review service restarts (as after a full
        // restore, where every process starts at once): it cannot read the signing keys, so it cannot tell a valid token
        // from a forged one. Saying 401 would tell the client its token is bad; the truth is "not yet".
        using var gers = await platform.ClientAsync(new DevTokenRequest("reviewer", "copil-32-keys", Region: "76", Departements: ["32"]), platform.Review);
        Assert.Equal(HttpStatusCode.OK, (await gers.GetAsync("/api/review/queues")).StatusCode);
        await using (await platform.IdentityOutageAsync())
        {
            await using (await platform.ServiceOutageAsync<SemaineIndustrie.LabellingReview.ServiceMarker>()) { }
            using var answer = await gers.GetAsync("/api/review/queues");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.NotNull(answer.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.False(answer.Headers.WwwAuthenticate.Any(), "no challenge: the token was not judged");
            Assert.True(answer.Headers.ConnectionClose, "the request's body was not read: the connection is not reused");
            using var anonymous = new HttpClient { BaseAddress = platform.Review };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/review/queues")).StatusCode); // no token: nothing to judge
        }
        // Identity back: the service loads the keys on its own and takes the same token.
        await Eventually.Until(async () => (await gers.GetAsync("/api/review/queues")).StatusCode, s => s == HttpStatusCode.OK, "the review service to take the token once identity is back");
    }
}
