using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Decisions;
using SemaineIndustrie.LabellingReview.Reviewers;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.LabellingReview.Motivations;

/// <summary>
/// A committee's reusable motivations, shared by its members (a committee is a région's: its departmental
/// members share them too). Reviewers read and write their région's; an admin names the région.
/// </summary>
public static class MotivationsApi
{
    public const int TitleMax = 120, PerRegionMax = 100;

    public static IEndpointRouteBuilder MapMotivationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review/motivations").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Motivation templates").RemembersActors().WithPlatformAnswers();
        group.MapGet("/", List);
        group.MapPost("/", Create).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id:guid}", Delete);
        return app;
    }

    /// <summary>The région whose templates the caller works with: their own; an admin's is the one asked for.</summary>
    private static string? RegionOf(ClaimsPrincipal user, string? asked) =>
        ReviewerScope.Of(user) is { All: true } ? asked : user.FindFirstValue(PlatformClaims.Region);

    private static async Task<Results<Ok<List<MotivationTemplateView>>, ProblemHttpResult>> List(ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct, string? region = null)
    {
        if (RegionOf(user, region) is not { } mine)
        {
            if (region is null && ReviewerScope.Of(user).All) return Problems.BadQuery("region", "An administrator names the région (its code).");
            return TypedResults.Ok(new List<MotivationTemplateView>());
        }
        var templates = await db.MotivationTemplates.AsNoTracking().Where(t => t.Region == mine).OrderBy(t => t.Title).ToListAsync(ct);
        return TypedResults.Ok(templates.Select(t => t.View()).ToList());
    }

    private static async Task<Results<Created<MotivationTemplateView>, ProblemHttpResult>> Create(MotivationTemplateRequest request, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim();
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > TitleMax) errors["title"] = [$"1 to {TitleMax} characters."];
        else if (TextRules.Check(title, multiLine: false) is { } bad) errors["title"] = [bad];
        if (string.IsNullOrEmpty(text) || text.Length > DecisionsApi.MessageMax) errors["text"] = [$"1 to {DecisionsApi.MessageMax} characters."];
        else if (TextRules.Check(text, multiLine: true) is { } bad) errors["text"] = [bad];
        var region = RegionOf(user, request.Region);
        if (region is null || FrenchTerritory.FindRegion(region) is null) errors["region"] = ["The région's code (an administrator names it)."];
        if (errors.Count > 0) return Problems.Unprocessable("The motivation template is not valid", errors);
        if (await db.MotivationTemplates.CountAsync(t => t.Region == region, ct) >= PerRegionMax)
            return Problems.Conflict("Too many templates", $"A committee keeps at most {PerRegionMax} templates; delete one first.");

        var now = clock.GetUtcNow();
        var template = new MotivationTemplate { Id = Guid.CreateVersion7(now), Region = region!, Title = title!, Text = text!, CreatedBy = user.SubjectId(), CreatedAt = now };
        db.MotivationTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/review/motivations/{template.Id}", template.View());
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        var all = ReviewerScope.Of(user).All;
        var region = user.FindFirstValue(PlatformClaims.Region);
        var deleted = await db.MotivationTemplates.Where(t => t.Id == id && (all || t.Region == region)).ExecuteDeleteAsync(ct);
        if (deleted == 0) return TypedResults.NotFound();
        return TypedResults.NoContent();
    }
}
