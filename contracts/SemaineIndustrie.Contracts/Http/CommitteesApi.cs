namespace SemaineIndustrie.Contracts.Identity;

// What the identity service's committee API (/api/identity/committees) reads and answers.

public sealed record ReviewerInvitationRequest(string? Email, string? Region, List<string>? Departements);

public sealed record SeatRequest(string? Region, List<string>? Departements);

public sealed record AdminInvitationRequest(string? Email, string? Region);

/// <summary>A member's seat on a région's committee: the départements they review, since when, appointed by whom.</summary>
public sealed record SeatView(string UserId, string? Email, string DisplayName, string Region, IReadOnlyList<string> Departements, DateTimeOffset Since, string AppointedBy);
