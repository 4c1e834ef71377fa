namespace SemaineIndustrie.Identity.Tokens;

/// <summary>Configuration section "Identity".</summary>
public sealed class PlatformIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The issuer URL (the address the outside world reaches the provider at, e.g. the gateway's). Required
    /// outside Development; tokens carry it as <c>iss</c> and services set <c>Auth:Authority</c> to it.
    /// </summary>
    public Uri? Issuer { get; set; }

    public TokenKeys Keys { get; set; } = new();

    /// <summary>Access tokens live minutes: a revoked reviewer loses access within this time.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan EmailLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Colleague invitations an organisation may send in 24 hours (each is a mail to any address).</summary>
    public int ColleagueInvitationsPerDay { get; set; } = 20;

    /// <summary>The address mails link to (the identity pages as users reach them); defaults to the issuer.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Web front-ends registered as confidential clients of the authorization code flow.</summary>
    public List<WebClient> WebClients { get; set; } = [];

    /// <summary>Development only: create the local accounts and clients the README lists.</summary>
    public bool SeedDevelopmentAccounts { get; set; } = true;
}

/// <summary>
/// RSA keys as PEM (PKCS#8 or PKCS#1). The first signing key signs; every key is published in the JWKS,
/// so a new key is added first, published for a token lifetime, then moved to the front, and the old
/// one removed later (docs/identity.md). Encryption keys protect codes and refresh tokens the same way.
/// </summary>
public sealed class TokenKeys
{
    public List<string> Signing { get; set; } = [];
    public List<string> Encryption { get; set; } = [];
    /// <summary>Development without configured keys: keys are created once in this folder and reused.</summary>
    public string? DevelopmentFolder { get; set; }
}

public sealed class WebClient
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<Uri> RedirectUris { get; set; } = [];
    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
