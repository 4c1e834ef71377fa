using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages;

/// <summary>
/// The signed-in person's space: who they are on the platform (from their token's claims) and, read
/// through the gateway with their access token, what waits for them. The organiser space and the reviewer
/// workbench grow from here (next issue).
/// </summary>
[Authorize]
public sealed class MonEspaceModel(PlatformApi api) : PageModel
{
    public string Name => User.FindFirst("name")?.Value ?? "";
    public string Role => User.FindFirst("role")?.Value ?? "organiser";
    public string? Organisation => User.FindFirst("org")?.Value;
    public string? Committee { get; private set; }
    public int? Count { get; private set; }
    public bool ApiUnavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var region = User.FindFirst("region")?.Value;
        if (region is not null)
        {
            var departements = User.FindAll("departement").Select(d => FrenchTerritory.FindDepartement(d.Value)?.Name ?? d.Value).ToList();
            Committee = (FrenchTerritory.FindRegion(region)?.Name ?? region) + (departements.Count > 0 ? " — " + string.Join(", ", departements) : "");
        }
        if (Role == "organiser" && Organisation is null) return Page(); // nothing to count yet
        var path = Role == "organiser" ? "api/submissions?limit=100" : "api/review/queues";
        try
        {
            using var response = await api.SendAsync(HttpMethod.Get, path, null, ct);
            if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace");
            if (response.StatusCode != HttpStatusCode.OK) { ApiUnavailable = true; return Page(); }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Count = Role == "organiser"
                ? body.GetProperty("items").GetArrayLength()
                : body.EnumerateArray().Sum(q => q.GetProperty("pending").GetInt32());
        }
        catch (HttpRequestException)
        {
            ApiUnavailable = true;
        }
        return Page();
    }

}
