using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Cases;

/// <summary>Cases a reviewer may see and act on; anything outside their scope does not exist for them (404).</summary>
public static class ReviewAccess
{
    public static IQueryable<ReviewCase> InScope(this IQueryable<ReviewCase> cases, ClaimsPrincipal user) => cases.Where(ReviewerScope.Of(user).Filter());

    public static Task<ReviewCase?> FindInScopeAsync(this ReviewDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        db.Cases.InScope(user).SingleOrDefaultAsync(c => c.Id == id, ct);

    public static IResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    public static IResult Invalid(Dictionary<string, string[]> errors, string title) =>
        FieldProblems.Invalid(StatusCodes.Status422UnprocessableEntity, title, errors);

    public static IResult BadQuery(string field, string message) =>
        FieldProblems.Field(StatusCodes.Status400BadRequest, $"Invalid {field}", field, message);
}
