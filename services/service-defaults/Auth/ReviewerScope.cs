using System.Linq.Expressions;
using System.Security.Claims;

namespace SemaineIndustrie.ServiceDefaults.Auth;

/// <summary>
/// What a reviewer may see and act on: an admin everything; a regional reviewer every département of
/// their région; a departmental committee only its départements. A token without a région sees nothing.
/// The rule is written once, as an expression (<see cref="Rule"/>): database queries use it as a filter
/// over any entity with a région and a département (<see cref="Filter{T}"/>), in-memory checks compile it
/// (<see cref="Allows"/>). Review and geocoding both rely on it.
/// </summary>
public sealed record ReviewerScope(bool All, string? Region, IReadOnlyList<string> Departements)
{
    public static ReviewerScope Of(ClaimsPrincipal user) => user.IsInRole(PlatformClaims.AdminRole)
        ? new ReviewerScope(true, null, [])
        : new ReviewerScope(false, user.FindFirstValue(PlatformClaims.Region),
            user.FindAll(PlatformClaims.Departement).Select(c => c.Value).ToList());

    /// <summary>The rule: (région, département) of a case or venue → may this reviewer see it.</summary>
    public Expression<Func<string, string, bool>> Rule()
    {
        if (All) return (region, departement) => true;
        if (Region is not { } mine) return (region, departement) => false;
        var departements = Departements.ToArray();
        return departements.Length == 0
            ? (region, departement) => region == mine
            : (region, departement) => region == mine && Enumerable.Contains(departements, departement); // not the span overload: expression trees are also interpreted
    }

    private Func<string, string, bool>? allows;

    public bool Allows(string region, string departement) => (allows ??= Rule().Compile(preferInterpretation: true))(region, departement);

    /// <summary>The rule as a query filter over <typeparamref name="T"/>, given where its région and département are.</summary>
    public Expression<Func<T, bool>> Filter<T>(Expression<Func<T, string>> region, Expression<Func<T, string>> departement)
    {
        var rule = Rule();
        var item = Expression.Parameter(typeof(T), "item");
        var body = new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [rule.Parameters[0]] = new Substitute(new() { [region.Parameters[0]] = item }).Visit(region.Body),
            [rule.Parameters[1]] = new Substitute(new() { [departement.Parameters[0]] = item }).Visit(departement.Body),
        }).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, item);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node) ?? node;
    }
}
