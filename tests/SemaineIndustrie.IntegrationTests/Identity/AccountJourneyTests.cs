using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Submission.Submissions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Identity;

/// <summary>
/// Organisers through the identity service, end to end on the real servers and the real SMTP server:
/// registration, the verification mail, sign-in with the code flow + PKCE, an organisation, tokens that
/// the submission API accepts; and what an outsider must not learn.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccountJourneyTests(Platform platform)
{
    private const string Password = "une phrase de passe assez longue";
    private const string OrganiserScopes = "openid profile email offline_access submissions account";

    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@organisateurs.test";

    private async Task<HttpResponseMessage> RegisterAsync(Person person, string email, string name = "Camille Martin", string password = Password) =>
        await person.SubmitAsync("/compte/inscription", new Dictionary<string, string> { ["Name"] = name, ["Email"] = email, ["Password"] = password });

    /// <summary>Registers and confirms through the mailed link, as a new organiser does.</summary>
    private async Task<string> RegisteredAsync(Person person)
    {
        var email = NewAddress("orga");
        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(person, email)).StatusCode);
        var link = (await Mailbox.NextAsync(email)).Link(platform.Gateway + "compte/verifier");
        var confirmed = await person.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>());
        Assert.Contains("Votre adresse est confirmée", await confirmed.Content.ReadAsStringAsync());
        return email;
    }

    [Fact]
    public async Task An_organiser_registers_confirms_signs_in_with_the_code_flow_creates_an_organisation_and_submits()
    {
        using var person = new Person(platform.Gateway);
        var email = NewAddress("orga");
        var registered = await RegisterAsync(person, email);
        Assert.Contains("Un message a été envoyé", await registered.Content.ReadAsStringAsync());

        // Unconfirmed: sign-in is refused like any failure.
        var early = await person.SignInAsync(email, Password);
        Assert.Contains("incorrect", await early.Content.ReadAsStringAsync());

        var mail = await Mailbox.NextAsync(email);
        Assert.Contains("Confirmez votre adresse", mail.Subject);
        Assert.Contains("Camille Martin", mail.Html);
        var link = mail.Link(platform.Gateway + "compte/verifier");
        Assert.DoesNotContain("Votre adresse est confirmée", await person.Http.GetStringAsync(link.PathAndQuery)); // opening the link changes nothing
        var confirmed = await person.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>());
        Assert.Contains("Votre adresse est confirmée", await confirmed.Content.ReadAsStringAsync());
        var again = await person.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>());
        Assert.Contains("n'est plus valable", System.Net.WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync())); // single use (as read: Razor writes ' as &#x27;)

        var tokens = await person.AuthorizeAsync(OrganiserScopes, email, Password);
        var claims = Person.Claims(tokens.AccessToken);
        Assert.Equal("organiser", claims.GetProperty("role").GetString());
        Assert.False(claims.TryGetProperty("org", out _));
        Assert.Equal(platform.Issuer.ToString(), claims.GetProperty("iss").GetString());
        // The configured lifetime (not the 1-hour default), counted from issuance to the answer: a loaded CI machine once took 2 s between them.
        Assert.InRange((double)tokens.ExpiresIn, TestKeys.AccessTokenLifetime.TotalSeconds - 10, TestKeys.AccessTokenLifetime.TotalSeconds);
        Assert.NotNull(tokens.RefreshToken);

        // No organisation yet: the submission API refuses (an organiser acts for an organisation).
        using (var orphan = Person.Bearer(platform.Gateway, tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await orphan.PostAsJsonAsync("/api/submissions", Samples.Submission())).StatusCode);
            var created = await orphan.PostAsJsonAsync("/api/identity/organisations", new { name = "Atelier Martin", kind = "company", siret = "732 829 320 00074" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The next token (a refresh) carries the organisation; the API takes the submission as that organisation's.
        var refreshed = await person.RefreshAsync(tokens.RefreshToken!);
        var org = Person.Claims(refreshed.AccessToken).GetProperty("org").GetString();
        using var organiser = Person.Bearer(platform.Gateway, refreshed.AccessToken);
        var submitted = await organiser.PostAsJsonAsync("/api/submissions", Samples.Submission("Journée portes ouvertes de l'atelier Martin"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var view = await submitted.ReadAsync<SubmissionView>();
        Assert.Equal(org, await platform.QueryAsync<SemaineIndustrie.Submission.ServiceMarker, SemaineIndustrie.Submission.SubmissionDbContext, string>(
            db => db.Submissions.Where(s => s.Id == view.Id).Select(s => s.OrganiserId).SingleAsync()));
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_and_no_refresh_token_issued_before_it_renews_anything()
    {
        using var person = new Person(platform.Gateway);
        var email = await RegisteredAsync(person);
        var tokens = await person.AuthorizeAsync(OrganiserScopes, email, Password);
        var stolen = (await person.RefreshAsync(tokens.RefreshToken!)).RefreshToken!; // a copy, as a thief would hold it

        Assert.Equal(HttpStatusCode.OK, (await person.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = email })).StatusCode);
        var link = (await Mailbox.NextAsync(email, 2)).Link(platform.Gateway + "compte/reinitialiser");
        var reset = await person.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "une toute nouvelle phrase de passe" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var refused = await person.TokenResponseAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = stolen });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error").GetString());
        // The person signs in again with the new password, and that session works.
        using var again = new Person(platform.Gateway);
        var fresh = await again.AuthorizeAsync(OrganiserScopes, email, "une toute nouvelle phrase de passe");
        Assert.NotNull((await again.RefreshAsync(fresh.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task The_security_page_shows_sessions_clients_and_sign_ins_and_signs_out_everywhere_and_changes_are_mailed()
    {
        using var person = new Person(platform.Gateway);
        var email = await RegisteredAsync(person);
        var tokens = await person.AuthorizeAsync(OrganiserScopes, email, Password);
        using (var api = Person.Bearer(platform.Gateway, tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/identity/organisations", new { name = "Atelier Sécurité", kind = "company" })).StatusCode);
            var refreshed = await person.RefreshAsync(tokens.RefreshToken!);
            tokens = refreshed;
        }
        using (var manager = Person.Bearer(platform.Gateway, tokens.AccessToken))
            Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/identity/organisations/mine/clients", new { name = "ERP <de l'atelier>" })).StatusCode);
        var notice = await Mailbox.NextAsync(email, 2); // after the verification mail
        Assert.Contains("nouveau client d'API", notice.Subject);
        Assert.DoesNotContain("ERP", notice.Subject); // the client's name is free text: body only, escaped
        Assert.Contains("ERP &lt;de l&#39;atelier&gt;", notice.Html);

        var page = await person.Http.GetStringAsync("/compte/securite");
        Assert.Contains("Sessions ouvertes", page);
        Assert.Contains("ERP &lt;de l&#x27;atelier&gt;", page);   // the organisation's API client
        Assert.Contains("mot de passe", page);                     // a recent sign-in, with its method
        Assert.DoesNotContain("Aucune session ouverte", page);     // the test front-end's session

        var everywhere = await person.SubmitAsync("/compte/securite", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Contains("partout=1", everywhere.Headers.Location!.OriginalString);
        var refused = await person.TokenResponseAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken! });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await person.Http.GetAsync("/compte/securite")).StatusCode); // this browser signed out too

        // A password change is mailed to the person, who can act if it was not them.
        Assert.Equal(HttpStatusCode.OK, (await person.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = email })).StatusCode);
        var link = (await Mailbox.NextAsync(email, 3)).Link(platform.Gateway + "compte/reinitialiser");
        Assert.Equal(HttpStatusCode.OK, (await person.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "une phrase de passe toute neuve" })).StatusCode);
        Assert.Contains("mot de passe a été modifié", (await Mailbox.NextAsync(email, 4)).Subject);
    }

    [Fact]
    public async Task Registration_reset_and_sign_in_answer_alike_for_known_and_unknown_addresses()
    {
        using var person = new Person(platform.Gateway);
        var known = await RegisteredAsync(person);
        var unknown = NewAddress("nobody");

        async Task<string> Alert(HttpResponseMessage response) =>
            System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "<div class=\"alert[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Groups[1].Value.Replace(known, "ADDRESS").Replace(unknown, "ADDRESS");

        using var stranger = new Person(platform.Gateway);
        var registerKnown = await RegisterAsync(stranger, known, password: "un autre mot de passe long");
        var registerUnknown = await RegisterAsync(stranger, unknown);
        Assert.Equal(registerKnown.StatusCode, registerUnknown.StatusCode);
        Assert.Equal(await Alert(registerKnown), await Alert(registerUnknown));
        // What differs goes to the mailbox only: its owner learns someone tried, with a reset link.
        Assert.Contains("existe déjà", (await Mailbox.NextAsync(known, 2)).Subject);

        var resetKnown = await stranger.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = known });
        var resetUnknown = await stranger.SubmitAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = NewAddress("nobody") });
        Assert.Equal(await Alert(resetKnown), await Alert(resetUnknown));

        var wrongPassword = await stranger.SignInAsync(known, "pas le bon mot de passe");
        var noAccount = await stranger.SignInAsync(NewAddress("nobody"), "pas le bon mot de passe");
        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(await Alert(wrongPassword), await Alert(noAccount));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_and_the_right_password_then_fails_too()
    {
        using var person = new Person(platform.Gateway);
        var email = await RegisteredAsync(person);
        for (var i = 0; i < 5; i++) Assert.Contains("incorrect", await (await person.SignInAsync(email, "mauvais mot de passe " + i)).Content.ReadAsStringAsync());
        var locked = await person.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode); // the form again, not a redirect to the account
        Assert.Contains("bloqué", await locked.Content.ReadAsStringAsync());

        using var other = new Person(platform.Gateway);
        var fresh = await RegisteredAsync(other);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(fresh, Password)).StatusCode);
    }

    [Fact]
    public async Task Password_rules_and_malformed_fields_are_shown_beside_each_field_and_nothing_is_created()
    {
        using var person = new Person(platform.Gateway);
        var email = NewAddress("weak");
        var weak = await (await RegisterAsync(person, email, password: "court")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"password-error\"", weak);
        var malformed = await (await RegisterAsync(person, "pas-une-adresse", name: "Nom\u0007")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"email-error\"", malformed);
        Assert.Contains("id=\"name-error\"", malformed);
        Assert.Empty(await Mailbox.AllToAsync(email));
    }

    [Fact]
    public async Task A_person_exports_their_data_and_deletes_their_account()
    {
        using var person = new Person(platform.Gateway);
        var email = await RegisteredAsync(person);
        var tokens = await person.AuthorizeAsync(OrganiserScopes, email, Password);
        using var me = Person.Bearer(platform.Gateway, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Created, (await me.PostAsJsonAsync("/api/identity/organisations", new { name = "Lycée Martin", kind = "school" })).StatusCode);

        var export = await me.GetFromJsonAsync<JsonElement>("/api/identity/me/export");
        Assert.Equal(email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Lycée Martin", export.GetProperty("organisation").GetProperty("name").GetString());
        Assert.Contains(export.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == "organisation.created");
        Assert.DoesNotContain("passwordHash", export.ToString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/identity/me")).StatusCode);
        Assert.Contains("incorrect", await (await person.SignInAsync(email, Password)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await person.TokenResponseAsync(new Dictionary<string, string>
            { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken! })).StatusCode);
    }
}
