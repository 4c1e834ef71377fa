namespace SemaineIndustrie.Identity.Auditing;

/// <summary>One membership change: who did what to whom, when. Never updated, never deleted with the account it names.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The acting account's id ("system" for seeding, the user themself for self-service).</summary>
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? TargetUser { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? Region { get; init; }
    /// <summary>What changed, as JSON (committee before/after, client id…). No passwords, no secrets.</summary>
    public string Details { get; init; } = "{}";
}
