using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Cases;

/// <summary>Cases a reviewer may see and act on; anything outside their scope does not exist for them (404).</summary>
public static class ReviewAccess
{
    public static IQueryable<ReviewCase> InScope(this IQueryable<ReviewCase> cases, ClaimsPrincipal user) => cases.Where(ReviewerScope.Of(user).Filter<ReviewCase>(c => c.Region, c => c.Departement));

    public static Task<ReviewCase?> FindInScopeAsync(this ReviewDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        db.Cases.InScope(user).SingleOrDefaultAsync(c => c.Id == id, ct);

}
