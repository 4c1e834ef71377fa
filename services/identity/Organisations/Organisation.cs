namespace SemaineIndustrie.Identity.Organisations;

/// <summary>An organisation that organises events; its id is the <c>org</c> claim of its members' tokens.</summary>
public sealed class Organisation
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? Siret { get; set; }
    /// <summary>
    /// When an external provider (ProConnect) vouched for the SIRET: only then does it attach people automatically.
    /// A SIRET typed by hand is the organisation's word, shown as unverified, and may be typed by others too.
    /// </summary>
    public DateTimeOffset? SiretVerifiedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>The value of the <c>org</c> claim.</summary>
    public string ClaimValue => Id.ToString("N");
}

/// <summary>A person's place in an organisation. One organisation per person; managers invite and create API clients.</summary>
public sealed class OrganisationMember
{
    public required string UserId { get; init; }
    public Guid OrganisationId { get; init; }
    public bool IsManager { get; set; }
    public DateTimeOffset Since { get; init; }
}
