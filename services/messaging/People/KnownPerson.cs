using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Messaging.People;

/// <summary>
/// A person as the identity service last announced them (<see cref="SemaineIndustrie.Contracts.PersonChanged"/>): a
/// service's own copy of who may be written to or handed work, in which language, for which organisation and committee.
/// A deleted person — or one the service does not keep (<see cref="PeopleCopy.Keeps"/>) — stays as a row without address
/// or name, so that older news cannot bring them back.
/// </summary>
public sealed class KnownPerson
{
    public required string UserId { get; init; }
    public long Sequence { get; set; }
    /// <summary>The confirmed address (null: not someone to write to).</summary>
    public string? Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string Language { get; set; } = "fr";
    public string? OrganisationId { get; set; }
    /// <summary>The région of the person's committee seat, if any.</summary>
    public string? Region { get; set; }
    /// <summary>The départements of that seat (none: the whole région).</summary>
    public List<string> Departements { get; set; } = [];
    /// <summary>The role of the person's tokens (organiser, reviewer, admin); null until identity announced it.</summary>
    public string? Role { get; set; }
    /// <summary>The région the person administers, if any.</summary>
    public string? AdminRegion { get; set; }
    public bool Deleted { get; set; }

    /// <summary>What the person reviews, as their tokens' claims give it (<see cref="ReviewerScope.Of"/>): a regional admin the whole région
    /// administered, a seat its région or départements.</summary>
    public ReviewerScope ReviewScope => Role == PlatformClaims.AdminRole
        ? new ReviewerScope(true, null, [])
        : AdminRegion is { } administered ? new ReviewerScope(false, administered, []) : new ReviewerScope(false, Region, Departements);

    /// <summary>Whether the person sits on the committee that reviews this (région, département): a reviewer whose scope has it (not the national team).</summary>
    public bool SitsOnCommitteeOf(string region, string departement) =>
        !Deleted && Role == PlatformClaims.ReviewerRole && ReviewScope.Allows(region, departement);
}
