using SemaineIndustrie.Identity.Committees;

namespace SemaineIndustrie.Identity.Accounts;

// What GET /api/identity/me/export answers: everything the platform keeps about the person (RGPD art. 15 and 20),
// as typed records so that its OpenAPI document describes it field by field.

public sealed record AccountExport(
    ExportedAccount Account, ExportedOrganisation? Organisation, ExportedSeat? CommitteeSeat, ExportedAdminGrant? AdminGrant,
    IReadOnlyList<ExportedInvitation> InvitationsReceived, IReadOnlyList<ExportedAuditEntry> Audit);

public sealed record ExportedAccount(string Id, string? Email, bool EmailConfirmed, string DisplayName, string PreferredLanguage, DateTimeOffset CreatedAt,
    string? ExternalSubject, DateTimeOffset? LockoutEnd, int AccessFailedCount);

public sealed record ExportedOrganisation(Guid Id, string Name, OrganisationKind Kind, string? Siret, bool SiretVerified, bool IsManager, DateTimeOffset Since);

public sealed record ExportedSeat(string Region, IReadOnlyList<string> Departements, DateTimeOffset Since, string AppointedBy);

public sealed record ExportedAdminGrant(string? Region, DateTimeOffset Since, string GrantedBy);

public sealed record ExportedInvitation(InvitationPurpose Purpose, string? Region, Guid? OrganisationId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);

public sealed record ExportedAuditEntry(DateTimeOffset At, string Action, string Actor, string? TargetUser, string? Region, Guid? OrganisationId);
