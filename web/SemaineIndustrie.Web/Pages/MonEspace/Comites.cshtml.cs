using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// A région's committee, for its administrators (the DGE for every région, a regional administrator for
/// theirs): the members and their départements, invitations, moves and revocations — all through the
/// identity service, which decides who may do what (and audits it).
/// </summary>
[Authorize]
public sealed class ComitesModel(PlatformApi api) : PageModel
{
    public sealed record Member(string UserId, string? Email, string Name, IReadOnlyList<string> Departements, DateTimeOffset Since);

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public List<Member> Members { get; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool Refused { get; private set; }
    public bool National => User.IsInRole("admin");
    public IReadOnlyList<(string Code, string Name)> DepartementsOfRegion =>
        Region is null ? [] : FrenchTerritory.Departements.Where(d => d.RegionCode == Region).Select(d => (d.Code, d.Name)).ToList();

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Message = fait switch
        {
            "invite" => "L'invitation est envoyée.", "deplace" => "Les départements du membre sont changés.", "retire" => "Le membre ne siège plus au comité.", _ => null,
        };
        return await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostInviterAsync(string? email, string[] departements, CancellationToken ct) =>
        ActAsync(HttpMethod.Post, "api/identity/committees/invitations",
            new JsonObject { ["email"] = email, ["region"] = Region, ["departements"] = new JsonArray(departements.Select(d => (JsonNode)d).ToArray()) }, "invite", ct);

    public Task<IActionResult> OnPostDeplacerAsync(string membre, string[] departements, CancellationToken ct) =>
        ActAsync(HttpMethod.Put, $"api/identity/committees/members/{Uri.EscapeDataString(membre)}",
            new JsonObject { ["region"] = Region, ["departements"] = new JsonArray(departements.Select(d => (JsonNode)d).ToArray()) }, "deplace", ct);

    public Task<IActionResult> OnPostRetirerAsync(string membre, CancellationToken ct) =>
        ActAsync(HttpMethod.Delete, $"api/identity/committees/members/{Uri.EscapeDataString(membre)}", null, "retire", ct);

    private async Task<IActionResult> ActAsync(HttpMethod method, string path, JsonNode? body, string done, CancellationToken ct)
    {
        Region ??= User.FindFirst("region")?.Value;
        using var response = await api.SendAsync(method, path, body, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fcomites");
        if (response.IsSuccessStatusCode) return LocalRedirect($"/mon-espace/comites?region={Uri.EscapeDataString(Region ?? "")}&fait={done}");
        Error = await ApiProblem.DescribeAsync(response, ct);
        var page = await LoadAsync(ct);
        if (page is PageResult) Response.StatusCode = (int)response.StatusCode;
        return page;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Region ??= User.FindFirst("region")?.Value;
        if (Region is null || FrenchTerritory.FindRegion(Region) is null) { Region = null; return Page(); } // the DGE chooses a région first
        using var response = await api.SendAsync(HttpMethod.Get, $"api/identity/committees/{Region}/members", null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fcomites");
        if (response.StatusCode == HttpStatusCode.Forbidden) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (response.StatusCode != HttpStatusCode.OK) { Error ??= await ApiProblem.DescribeAsync(response, ct); return Page(); }
        Members.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(m => new Member(
            m.GetProperty("userId").GetString()!, m.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
            m.GetProperty("displayName").GetString()!, m.GetProperty("departements").EnumerateArray().Select(d => d.GetString()!).ToList(),
            m.GetProperty("since").GetDateTimeOffset())));
        return Page();
    }
}
