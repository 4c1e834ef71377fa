namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>Configuration section "Auth": where tokens come from and which audience this API answers to.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The identity service's issuer URL (its discovery document is under it).</summary>
    public string? Authority { get; set; }
    /// <summary>
    /// Where this process reaches the identity service itself (its in-cluster or loopback address): discovery and keys are
    /// read there, not through the public gateway; tokens must still name <see cref="Authority"/> as their issuer.
    /// </summary>
    public string? InternalAuthority { get; set; }
    /// <summary>This API's audience (<see cref="PlatformAudiences"/>); each service's appsettings names its own.</summary>
    public string? Audience { get; set; }
    /// <summary>More accepted audiences: the gateway, in front of every API, accepts them all.</summary>
    public List<string> Audiences { get; set; } = [];
    /// <summary>
    /// Tolerated clock difference with the provider. Small (JWT bearer's default is 5 minutes): an expired
    /// token — a removed reviewer's — is refused within its lifetime plus this.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> AcceptedAudiences() =>
        [.. Audiences.Append(Audience).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct()];
}
