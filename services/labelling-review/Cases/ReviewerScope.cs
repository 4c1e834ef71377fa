using System.Linq.Expressions;
using System.Security.Claims;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Cases;

/// <summary>
/// What a reviewer may see: an admin everything; a regional reviewer every département of their région;
/// a departmental committee only its départements. A token without a région sees nothing.
/// </summary>
public sealed record ReviewerScope(bool All, string? Region, IReadOnlyList<string> Departements)
{
    public static ReviewerScope Of(ClaimsPrincipal user) => user.IsInRole(PlatformClaims.AdminRole)
        ? new ReviewerScope(true, null, [])
        : new ReviewerScope(false, user.FindFirstValue(PlatformClaims.Region),
            user.FindAll(PlatformClaims.Departement).Select(c => c.Value).ToList());

    public Expression<Func<ReviewCase, bool>> Filter()
    {
        if (All) return _ => true;
        if (Region is null) return _ => false;
        var region = Region;
        var departements = Departements.ToArray();
        return departements.Length == 0
            ? c => c.Region == region
            : c => c.Region == region && departements.Contains(c.Departement);
    }
}
