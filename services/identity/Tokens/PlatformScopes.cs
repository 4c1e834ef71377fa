using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Identity.Tokens;

/// <summary>
/// The scopes a client may ask for, the APIs (audiences) each opens, and which role may have which.
/// A token's <c>aud</c> lists only the APIs of its granted scopes, and each API accepts only its own audience.
/// </summary>
public static class PlatformScopes
{
    public const string Submissions = "submissions";
    public const string Review = "review";
    public const string Account = "account";
    public const string Operations = "operations";
    /// <summary>The organisation's SIRET at the userinfo endpoint (as ProConnect's pivot identity has it), for platforms that federate with us.</summary>
    public const string Siret = "siret";

    public static readonly IReadOnlyDictionary<string, string[]> Resources = new Dictionary<string, string[]>
    {
        // An organisation's demands include their conversation with the committee, held with the case by the review service
        // (/api/conversations: organisers only; every other review route requires the reviewer role, 403).
        [Submissions] = [PlatformAudiences.Submission, PlatformAudiences.Review],
        [Review] = [PlatformAudiences.Review, PlatformAudiences.Geocoding],
        [Account] = [PlatformAudiences.Identity, PlatformAudiences.Notification], // one's account includes one's mail preferences
        [Operations] = [PlatformAudiences.Submission, PlatformAudiences.Review, PlatformAudiences.Geocoding, PlatformAudiences.Publication, PlatformAudiences.Notification],
    };

    /// <summary>The platform scopes a role may hold (OpenID scopes are always allowed).</summary>
    public static IReadOnlySet<string> AllowedFor(string role) => role switch
    {
        PlatformClaims.AdminRole => new HashSet<string> { Submissions, Review, Account, Operations },
        PlatformClaims.ReviewerRole => new HashSet<string> { Review, Account },
        _ => new HashSet<string> { Submissions, Account },
    };

    public static IEnumerable<string> ResourcesOf(IEnumerable<string> scopes) =>
        scopes.SelectMany(scope => Resources.GetValueOrDefault(scope) ?? []).Distinct();
}
