namespace SemaineIndustrie.Identity.External;

/// <summary>
/// An external OpenID Connect provider people may sign in with (Identity:External:0…): in production
/// ProConnect, the State's federation for professionals. Its pivot identity carries given_name,
/// usual_name, email, uid and siret (optionally organizational_unit).
/// </summary>
public sealed class ExternalProviderOptions
{
    /// <summary>In URLs and stored subjects: "proconnect".</summary>
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Uri? Issuer { get; set; }
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>Empty: ProConnect's (<see cref="ProConnectScopes"/>). Configuration binding appends to a default list, hence none here.</summary>
    public List<string> Scopes { get; set; } = [];

    public static readonly IReadOnlyList<string> ProConnectScopes = ["openid", "given_name", "usual_name", "email", "uid", "siret", "organizational_unit"];
    /// <summary>
    /// Whether the provider's e-mail addresses are verified (ProConnect's are). Reviewers are matched to
    /// their committee by e-mail, so an unverified address is never matched.
    /// </summary>
    public bool EmailsAreVerified { get; set; } = true;
}
