using System.Net;
using System.Net.Http.Headers;
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
public sealed class MonEspaceModel(AccessTokens tokens, IHttpClientFactory clients) : PageModel
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
        var access = await tokens.GetAsync(ct);
        if (access is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace");

        var path = Role == "organiser" ? (Organisation is null ? null : "api/submissions?limit=100") : "api/review/queues";
        if (path is null) return Page();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        try
        {
            using var response = await clients.CreateClient(PlatformApi.Client).SendAsync(request, ct);
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
