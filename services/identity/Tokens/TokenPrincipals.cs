using System.Security.Claims;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.ServiceDefaults.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>The claims of the tokens OpenIddict issues: the ones the services read (docs/identity.md).</summary>
public static class TokenPrincipals
{
    /// <summary>
    /// The person's security stamp when the code or refresh token was issued: in those tokens only (OpenIddict keeps
    /// every claim in them), never in an access or identity token. A reset or "sign out everywhere" changes the stamp.
    /// </summary>
    public const string SecurityStamp = "si_security_stamp";

    /// <summary>A person's principal, with the scopes they asked for narrowed to what their role allows.</summary>
    public static ClaimsPrincipal ForUser(PlatformUser user, Standing standing, IEnumerable<string> requestedScopes, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Locale, user.PreferredLanguage)
            .SetClaim(SecurityStamp, user.SecurityStamp);
        AddStanding(identity, standing);

        var allowed = PlatformScopes.AllowedFor(standing.Role);
        var scopes = requestedScopes.Where(s => allowed.Contains(s) || s is Scopes.OpenId or Scopes.Profile or Scopes.Email or Scopes.OfflineAccess or PlatformScopes.Siret).ToList();
        return Finish(identity, scopes);
    }

    /// <summary>An organisation's integration (client credentials): an organiser of that organisation, nobody's person.</summary>
    public static ClaimsPrincipal ForIntegration(string clientId, string organisation, IEnumerable<string> requestedScopes, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "client:" + clientId).SetClaim(Claims.Name, clientId);
        AddStanding(identity, new Standing(PlatformClaims.OrganiserRole, organisation, null, [], null, false));
        var scopes = requestedScopes.Where(s => s is PlatformScopes.Submissions).DefaultIfEmpty(PlatformScopes.Submissions).ToList();
        return Finish(identity, scopes);
    }

    /// <summary>A platform service (client credentials): the scopes it is registered for, no role, nobody's person.</summary>
    private static void AddStanding(ClaimsIdentity identity, Standing standing)
    {
        identity.SetClaim(PlatformClaims.Role, standing.Role);
        if (standing.Organisation is { } org) identity.SetClaim(PlatformClaims.Organisation, org);
        if (standing.Region is { } region) identity.SetClaim(PlatformClaims.Region, region);
        if (standing.Departements.Count > 0) identity.SetClaims(PlatformClaims.Departement, [.. standing.Departements]);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, List<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(PlatformScopes.ResourcesOf(scopes));
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Platform claims go to the access token (the APIs read them); name and e-mail also to the identity token.</summary>
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Email or Claims.Locale => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        PlatformClaims.Role or PlatformClaims.Organisation or PlatformClaims.Region or PlatformClaims.Departement =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [], // e.g. the security stamp: never in a token
    };
}
