using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.Identity.Tokens;
using SemaineIndustrie.ServiceDefaults.Auth;

using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Identity.External;

/// <summary>
/// Sign-in delegated to an external provider (ProConnect) through OpenIddict's client. The platform stays
/// the authority on what a person may do: a reviewer keeps the committee the platform gave them (their
/// account, or a pending invitation, is matched by verified e-mail); an organiser is attached to the
/// organisation with the provider's SIRET — created on the first sign-in from that establishment, joined afterwards
/// (never an organisation that only typed that SIRET). An address registered here but never confirmed is claimed by
/// the person the provider vouches for: its password is removed. An invitation that would move a seat waits for its link.
/// </summary>
public static class ExternalSignIn
{
    public const string CallbackPath = "compte/externe/retour";

    public static IHostApplicationBuilder AddExternalSignIn(this IHostApplicationBuilder builder, PlatformIdentityOptions options,
        IReadOnlyList<Microsoft.IdentityModel.Tokens.SecurityKey> signing, IReadOnlyList<Microsoft.IdentityModel.Tokens.SecurityKey> encryption)
    {
        var providers = builder.Configuration.GetSection("Identity:External").Get<List<ExternalProviderOptions>>() ?? [];
        builder.Services.Configure<List<ExternalProviderOptions>>(builder.Configuration.GetSection("Identity:External"));
        if (providers.Count == 0) return builder;

        builder.Services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(CallbackPath);
            foreach (var key in signing) client.AddSigningKey(key);
            foreach (var key in encryption) client.AddEncryptionKey(key);
            var aspNetCore = client.UseAspNetCore().EnableRedirectionEndpointPassthrough();
            if (builder.Environment.IsDevelopment()) aspNetCore.DisableTransportSecurityRequirement();
            client.UseSystemNetHttp();
            foreach (var provider in providers)
            {
                if (provider.Issuer is null || string.IsNullOrEmpty(provider.Name) || string.IsNullOrEmpty(provider.ClientId))
                    throw new InvalidOperationException("Identity:External entries need Name, Issuer and ClientId.");
                var registration = new OpenIddict.Client.OpenIddictClientRegistration
                {
                    Issuer = provider.Issuer,
                    ProviderName = provider.Name,
                    ProviderDisplayName = provider.DisplayName,
                    ClientId = provider.ClientId,
                    ClientSecret = provider.ClientSecret,
                    RedirectUri = new Uri(CallbackPath, UriKind.Relative),
                };
                foreach (var scope in provider.Scopes.Count > 0 ? provider.Scopes : ExternalProviderOptions.ProConnectScopes) registration.Scopes.Add(scope);
                client.AddRegistration(registration);
            }
        });
        if (builder.Environment.IsDevelopment())
        {
            // Local runs and tests speak plain HTTP: the state cookie cannot be Secure (nor SameSite=None, which needs Secure);
            // Lax still comes back with the provider's top-level GET redirect. Production keeps OpenIddict's Secure, SameSite=None.
            builder.Services.Configure<OpenIddictClientAspNetCoreOptions>(o =>
            {
                o.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CookieBuilder.SameSite = SameSiteMode.Lax;
            });
        }
        return builder;
    }

    public static WebApplication MapExternalSignIn(this WebApplication app)
    {
        app.MapGet("/compte/externe/{provider}", Start).ExcludeFromDescription();
        app.MapMethods("/" + CallbackPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Callback).ExcludeFromDescription()
            .RequireRateLimiting(CredentialLimits.Policy);
        return app;
    }

    private static IResult Start(string provider, string? returnUrl, IOptions<List<ExternalProviderOptions>> providers)
    {
        if (!providers.Value.Any(p => p.Name == provider)) return Results.NotFound();
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.ProviderName] = provider,
        })
        { RedirectUri = LocalUrl.IsLocal(returnUrl) ? returnUrl : "/compte" };
        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> Callback(HttpContext context, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn,
        PlatformIdentityDbContext db, Invitations invitations, AccountSecurity security, IOptions<List<ExternalProviderOptions>> providers, TimeProvider clock)
    {
        var result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } external) return Results.Redirect("/compte/connexion?externe=echec");
        var providerName = external.FindFirstValue(OpenIddict.Abstractions.OpenIddictConstants.Claims.Private.ProviderName)
            ?? (result.Properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.ProviderName, out var named) == true ? named : null);
        var provider = providers.Value.SingleOrDefault(p => p.Name == providerName);
        if (provider is null) return Results.Redirect("/compte/connexion?externe=echec");

        var email = external.FindFirstValue("email")?.Trim();
        var uid = external.FindFirstValue("uid") ?? external.FindFirstValue("sub");
        var verified = provider.EmailsAreVerified && external.FindFirstValue("email_verified") is null or "true" or "True";
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(uid) || !verified || Registration.CheckProfile("x", email).Count > 0)
            return Results.Redirect("/compte/connexion?externe=incomplet");
        var subject = $"{provider.Name}:{uid}";
        var name = string.Join(" ", new[] { external.FindFirstValue("given_name"), external.FindFirstValue("usual_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        if (name.Length == 0) name = external.FindFirstValue("name") ?? email;
        var now = clock.GetUtcNow();

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name[..Math.Min(name.Length, 200)], CreatedAt = now, ExternalSubject = subject, PreferredLanguage = SemaineIndustrie.ServiceDefaults.Web.PlatformCultures.Current };
            var created = await users.CreateAsync(user); // no password: this person signs in through the provider
            if (!created.Succeeded) return Results.Redirect("/compte/connexion?externe=echec");
            db.Record(now, user.Id, "account.registered.external", targetUser: user.Id, details: new { provider = provider.Name });
            await db.SaveChangesAsync();
        }
        else if (user.ExternalSubject is null)
        {
            if (!user.EmailConfirmed)
            {
                // Registered here, never confirmed: whoever chose that password never proved the mailbox; the provider
                // just did. The account becomes this person's alone: no password, a new security stamp, their name.
                if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
                await users.UpdateSecurityStampAsync(user);
                user.DisplayName = name[..Math.Min(name.Length, 200)];
                db.Record(now, user.Id, "account.claimed.external", targetUser: user.Id, details: new { provider = provider.Name });
                await db.SaveChangesAsync();
            }
            user.ExternalSubject = subject;
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        else if (user.ExternalSubject != subject)
        {
            return Results.Redirect("/compte/connexion?externe=conflit"); // the address belongs to another identity of the provider
        }
        if (await users.IsLockedOutAsync(user)) return Results.Redirect("/compte/connexion?externe=bloque");

        // A pending committee or admin invitation for this verified address is accepted now, once — when it takes
        // nothing away: someone who already sits on a committee or administers one accepts through the invitation's link.
        var pending = await db.Invitations.Where(i => i.Email == email && i.AcceptedAt == null && i.ExpiresAt > now && i.Purpose != InvitationPurpose.Colleague)
            .OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync();
        if (pending is not null && !await invitations.HoldsAnyCommitteeRoleAsync(user.Id, context.RequestAborted))
            await invitations.AcceptAsync(pending, user, context.RequestAborted);

        var siret = external.FindFirstValue("siret") is { } s ? Territory.Siret.Normalise(s) : null;
        var standing = await Standing.OfAsync(db, user.Id, context.RequestAborted);
        if (standing.Role == PlatformClaims.OrganiserRole && standing.Organisation is null && siret is not null && Territory.Siret.IsValid(siret))
            await AttachToEstablishmentAsync(db, user, siret, external.FindFirstValue("organizational_unit"), now, context.RequestAborted);

        security.RecordSignIn(user.Id, provider.DisplayName ?? provider.Name);
        await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: provider.Name);
        var returnUrl = result.Properties?.RedirectUri;
        return Results.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/compte");
    }

    private static async Task AttachToEstablishmentAsync(PlatformIdentityDbContext db, PlatformUser user, string siret, string? unit, DateTimeOffset now, CancellationToken ct)
    {
        void Join(Guid organisation)
        {
            db.Members.Add(new OrganisationMember { UserId = user.Id, OrganisationId = organisation, Since = now });
            db.Record(now, user.Id, "organisation.joined.external", targetUser: user.Id, organisation: organisation, details: new { siret });
        }

        // Only an organisation whose SIRET a provider vouched for is joined; one that typed it is not (anyone can type a SIRET).
        var existing = await db.Organisations.SingleOrDefaultAsync(o => o.Siret == siret && o.SiretVerifiedAt != null, ct);
        var creating = existing is null;
        if (existing is not null) Join(existing.Id);
        else
        {
            var name = string.IsNullOrWhiteSpace(unit) ? $"Établissement {siret}" : unit.Trim()[..Math.Min(unit.Trim().Length, 200)];
            db.Found(name, OrganisationKind.Other, siret, user.Id, now, "organisation.created.external", siretVerified: true);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (creating)
        {
            // Two first sign-ins from one establishment at once: the other created it; join theirs.
            db.ChangeTracker.Clear();
            Join((await db.Organisations.SingleAsync(o => o.Siret == siret && o.SiretVerifiedAt != null, ct)).Id);
            await db.SaveChangesAsync(ct);
        }
    }

}
