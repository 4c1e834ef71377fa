using System.Security.Claims;

namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// What a reviewer may see and act on: an admin everything; a regional reviewer every département of
/// their région; a departmental committee only its départements. A token without a région sees nothing.
/// </summary>
public sealed record ReviewerScope(bool All, string? Region, IReadOnlyList<string> Departements)
{
    public static ReviewerScope Of(ClaimsPrincipal user) => user.IsInRole(PlatformClaims.AdminRole)
        ? new ReviewerScope(true, null, [])
        : new ReviewerScope(false, user.FindFirstValue(PlatformClaims.Region),
            user.FindAll(PlatformClaims.Departement).Select(c => c.Value).ToList());

    public bool Allows(string region, string departement) =>
        All || (Region == region && (Departements.Count == 0 || Departements.Contains(departement)));
}
