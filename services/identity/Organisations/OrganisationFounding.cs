using SemaineIndustrie.Identity.Auditing;

namespace SemaineIndustrie.Identity.Organisations;

/// <summary>An organisation comes into being one way, whoever asks (the API, a first ProConnect sign-in): its founder manages it, and it is audited.</summary>
public static class OrganisationFounding
{
    /// <summary>Stages the organisation, its founder as manager and the audit entry; the caller saves.</summary>
    public static Organisation Found(this PlatformIdentityDbContext db, string name, OrganisationKind kind, string? siret, string founder,
        DateTimeOffset now, string action = "organisation.created", bool siretVerified = false)
    {
        var organisation = new Organisation
        {
            Id = Guid.NewGuid(), Name = name, Kind = kind, Siret = siret, SiretVerifiedAt = siretVerified && siret is not null ? now : null, CreatedAt = now, CreatedBy = founder,
        };
        db.Organisations.Add(organisation);
        db.Members.Add(new OrganisationMember { UserId = founder, OrganisationId = organisation.Id, IsManager = true, Since = now });
        db.Record(now, founder, action, targetUser: founder, organisation: organisation.Id, details: new { organisation.Name, organisation.Siret, siretVerified = organisation.SiretVerifiedAt is not null });
        return organisation;
    }
}
