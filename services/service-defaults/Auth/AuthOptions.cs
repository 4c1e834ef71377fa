namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// Configuration section "Auth". Production sets <see cref="Authority"/> (an OpenID Connect issuer);
/// Development may instead use the local development issuer, whose key is <see cref="DevSigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }
    /// <summary>The audience our tokens are issued for; required with <see cref="Authority"/> (no default outside Development).</summary>
    public string? Audience { get; set; }
    public string? DevSigningKey { get; set; }
}
