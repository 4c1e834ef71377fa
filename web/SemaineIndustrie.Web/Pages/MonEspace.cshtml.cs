using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// The signed-in person's space: who they are on the platform (from their token's claims) and, read
/// through the gateway with their access token, what waits for them. The organiser space and the reviewer
/// workbench grow from here (next issue).
/// </summary>
[Authorize]
public sealed class MonEspaceModel(SubmissionsClient submissions, ReviewClient review) : PageModel
{
    public string Name => User.FindFirst("name")?.Value ?? "";
    public string Role => User.FindFirst("role")?.Value ?? "organiser";
    public string? Organisation => User.FindFirst("org")?.Value;
    public string? Committee { get; private set; }
    public int? Count { get; private set; }
    public bool ApiUnavailable { get; private set; }
    /// <summary>What the person reviews, read once from the session (a regional reviewer: a région, no département).</summary>
    public ReviewerScope Scope => ReviewerScope.Of(User);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Scope.Region is { } region)
        {
            var departements = Scope.Departements.Select(d => FrenchTerritory.FindDepartement(d)?.Name ?? d).ToList();
            Committee = (FrenchTerritory.FindRegion(region)?.Name ?? region) + (departements.Count > 0 ? " — " + string.Join(", ", departements) : "");
        }
        if (Role == "organiser" && Organisation is null) return Page(); // nothing to count yet
        try
        {
            if (Role == "organiser")
            {
                var page = await submissions.ListAsync(100, ct);
                if (page.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace");
                Count = page.Value?.Items.Count;
            }
            else
            {
                var queues = await review.QueuesAsync(null, ct);
                if (queues.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace");
                Count = queues.Value?.Sum(q => q.Pending);
            }
            ApiUnavailable = Count is null;
        }
        catch (HttpRequestException)
        {
            ApiUnavailable = true;
        }
        return Page();
    }

}
