using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Organisations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// The protocol endpoints OpenIddict hands to us once it has validated the request (passthrough): who
/// the person is comes from the sign-in cookie, what they may do from the database (<see cref="Standing"/>),
/// read again at every refresh so that a removed reviewer stops at the next refresh.
/// </summary>
public static class ConnectEndpoints
{
    public static WebApplication MapConnectEndpoints(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize).ExcludeFromDescription();
        app.MapPost("/connect/token", (Delegate)Exchange).ExcludeFromDescription().RequireRateLimiting(CredentialLimits.Policy);
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession).ExcludeFromDescription();
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfo).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext context, UserManager<PlatformUser> users, PlatformIdentityDbContext db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None)) return Forbid(Errors.LoginRequired, "Sign-in is required.");
            // The sign-in page returns here with the same parameters once the person has signed in.
            var parameters = context.Request.HasFormContentType ? [.. context.Request.Form] : context.Request.Query.ToList();
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                parameters.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        // First-party web front-ends only (no third-party clients): consent is implicit.
        var standing = await Standing.OfAsync(db, user.Id, context.RequestAborted);
        var principal = TokenPrincipals.ForUser(user, standing, request.GetScopes(), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Exchange(HttpContext context, UserManager<PlatformUser> users, PlatformIdentityDbContext db,
        IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
            var properties = application is null ? null : await applications.GetPropertiesAsync(application, context.RequestAborted);
            if (properties?.TryGetValue(IntegrationClients.OrganisationProperty, out var org) != true)
                return Forbid(Errors.UnauthorizedClient, "This client is not an organisation's integration.");
            return Results.SignIn(TokenPrincipals.ForIntegration(request.ClientId!, org.GetString()!, request.GetScopes(),
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var previous = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = previous?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            if (user is null || await users.IsLockedOutAsync(user) || !user.EmailConfirmed)
                return Forbid(Errors.InvalidGrant, "The account no longer exists or may not sign in.");
            if (previous!.GetClaim(TokenPrincipals.SecurityStamp) != await users.GetSecurityStampAsync(user))
                return Forbid(Errors.InvalidGrant, "The sessions of this account were ended (password reset or sign-out everywhere): sign in again.");
            var standing = await Standing.OfAsync(db, user.Id, context.RequestAborted);
            var principal = TokenPrincipals.ForUser(user, standing, previous!.GetScopes(), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> EndSession(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/compte/connexion" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfo(HttpContext context, UserManager<PlatformUser> users, PlatformIdentityDbContext db)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (principal is null || user is null) return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var claims = new Dictionary<string, object?> { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile)) { claims[Claims.Name] = user.DisplayName; claims[Claims.Locale] = user.PreferredLanguage; }
        if (principal.HasScope(Scopes.Email)) { claims[Claims.Email] = user.Email; claims[Claims.EmailVerified] = user.EmailConfirmed; }
        if (principal.HasScope(PlatformScopes.Siret))
        {
            claims[PlatformScopes.Siret] = await (from m in db.Members join o in db.Organisations on m.OrganisationId equals o.Id
                                                  where m.UserId == user.Id && o.SiretVerifiedAt != null select o.Siret).SingleOrDefaultAsync(context.RequestAborted);
        }
        return Results.Ok(claims);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
