namespace SemaineIndustrie.Identity.Accounts;

/// <summary>
/// A single-use, expiring e-mail verification link. Only the SHA-256 of the secret is stored; using it
/// sets <see cref="UsedAt"/>, so the same link cannot confirm twice.
/// </summary>
public sealed class EmailVerification
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
