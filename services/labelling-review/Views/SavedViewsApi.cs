using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Views;

/// <summary>
/// A reviewer's saved views (/api/review/views): each reviewer sees and changes only their own. Saving under a name they
/// already use replaces that view. The query is the workbench page's own (the filters in its address keep working as they are).
/// </summary>
public static class SavedViewsApi
{
    public static IEndpointRouteBuilder MapSavedViews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review/views").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Saved views").WithPlatformAnswers();
        group.MapGet("/", async (ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct) =>
        {
            var owner = user.SubjectId();
            return TypedResults.Ok(await db.SavedViews.AsNoTracking().Where(v => v.Owner == owner).OrderBy(v => v.Name)
                .Select(v => new SavedViewView(v.Id, v.Name, v.Query, v.SavedAt)).ToListAsync(ct));
        });
        group.MapPost("/", Save).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct) =>
        {
            var owner = user.SubjectId();
            return await db.SavedViews.Where(v => v.Id == id && v.Owner == owner).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
        });
        return app;
    }

    private static async Task<Results<Ok<SavedViewView>, ProblemHttpResult>> Save(SavedViewRequest request, ClaimsPrincipal user, ReviewDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SavedView.NameMax || TextRules.Check(name, multiLine: false) is not null)
            errors["name"] = [TextRules.Check(name ?? "", multiLine: false) ?? $"1 to {SavedView.NameMax} characters."];
        var query = (request.Query ?? "").TrimStart('?');
        if (query.Length > SavedView.QueryMax) errors["query"] = [$"At most {SavedView.QueryMax} characters."];
        else if (QueryHelpers.ParseQuery(query).Keys.FirstOrDefault(k => !SavedView.Keys.Contains(k)) is { } unknown)
            errors["query"] = [$"Unknown filter '{unknown}'. Known: {string.Join(", ", SavedView.Keys.Order())}."];
        if (errors.Count > 0) return Problems.Unprocessable("The view cannot be saved", errors);

        var owner = user.SubjectId();
        var now = clock.GetUtcNow();
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Owner == owner && v.Name == name, ct);
        if (view is null)
        {
            if (await db.SavedViews.CountAsync(v => v.Owner == owner, ct) >= SavedView.MaxPerReviewer)
                return Problems.Conflict("Too many views", $"A reviewer keeps at most {SavedView.MaxPerReviewer} views: delete some first.");
            db.SavedViews.Add(view = new SavedView { Id = Guid.CreateVersion7(now), Owner = owner, Name = name!, Query = query, SavedAt = now });
        }
        else
        {
            (view.Query, view.SavedAt) = (query, now);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SavedViewView(view.Id, view.Name, view.Query, view.SavedAt));
    }
}
