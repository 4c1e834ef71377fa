namespace SemaineIndustrie.Web.Session;

/// <summary>
/// Configuration section "Web:SignIn": the web front-end as a confidential client of the identity service
/// (authorization code + PKCE). Without an authority, nobody signs in on this front-end (no link is shown).
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Web:SignIn";

    /// <summary>The identity service's issuer URL (the same as the APIs' Auth:Authority).</summary>
    public string? Authority { get; set; }
    /// <summary>Where the web reaches the identity service itself (discovery, keys, tokens): not through the public gateway (docs/gateway.md).</summary>
    public string? InternalAuthority { get; set; }
    public string ClientId { get; set; } = "web";
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Every platform scope: the identity service grants only those the person's role may hold.</summary>
    public static readonly string[] Scopes = ["openid", "profile", "email", "offline_access", "submissions", "review", "account"];
}
