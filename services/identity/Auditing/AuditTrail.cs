using System.Text.Json;

namespace SemaineIndustrie.Identity.Auditing;

/// <summary>Adds an audit entry to the change being saved: the entry commits with the change or not at all.</summary>
public static class AuditTrail
{
    public static void Record(this PlatformIdentityDbContext db, DateTimeOffset at, string actor, string action,
        string? targetUser = null, Guid? organisation = null, string? region = null, object? details = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            TargetUser = targetUser,
            OrganisationId = organisation,
            Region = region,
            Details = JsonSerializer.Serialize(details ?? new { }),
        });
}
