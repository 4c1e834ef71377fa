namespace SemaineIndustrie.Identity.Committees;

/// <summary>
/// A reviewer's seat: a région, optionally narrowed to some of its départements (a departmental
/// committee such as the Gers COPIL). Becomes the <c>region</c> and <c>departement</c> claims.
/// </summary>
public sealed class CommitteeSeat
{
    public required string UserId { get; init; }
    public required string Region { get; set; }
    public List<string> Departements { get; set; } = [];
    public DateTimeOffset Since { get; set; }
    public required string AppointedBy { get; set; }
}

/// <summary>An administrator: national (the DGE, <see cref="Region"/> null) or of one région's committees.</summary>
public sealed class AdminGrant
{
    public required string UserId { get; init; }
    public string? Region { get; set; }
    public DateTimeOffset Since { get; set; }
    public required string GrantedBy { get; set; }

    public bool IsNational => Region is null;
}
