using System.Linq.Expressions;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Cases;

public static class CaseScope
{
    /// <summary><see cref="ReviewerScope.Allows"/> as a query filter over cases.</summary>
    public static Expression<Func<ReviewCase, bool>> Filter(this ReviewerScope scope)
    {
        if (scope.All) return _ => true;
        if (scope.Region is null) return _ => false;
        var region = scope.Region;
        var departements = scope.Departements.ToArray();
        return departements.Length == 0
            ? c => c.Region == region
            : c => c.Region == region && departements.Contains(c.Departement);
    }
}
