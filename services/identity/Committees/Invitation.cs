namespace SemaineIndustrie.Identity.Committees;

public enum InvitationPurpose { Colleague, Reviewer, Admin }

/// <summary>
/// An invitation mailed to someone: to join an organisation (a colleague), to sit on a committee (a
/// reviewer) or to administer (national or one région). Single use, expiring; only the secret's hash is stored.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public InvitationPurpose Purpose { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>Reviewer: the committee's région; admin: the région administered (null = national).</summary>
    public string? Region { get; init; }
    public List<string> Departements { get; init; } = [];
    public required string TokenHash { get; init; }
    public required string InvitedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
}
