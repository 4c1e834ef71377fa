namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// Configuration section "Auth". Production sets <see cref="Authority"/> (an OpenID Connect issuer);
/// Development may instead use the local development issuer, whose key is <see cref="DevSigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }
    public string Audience { get; set; } = DevTokenIssuer.Audience;
    public string? DevSigningKey { get; set; }
}
