using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// The reviewer's queue: the cases of their committee (the review API decides what they may see), soonest
/// deadline first, filtered by département and status. The start of the workbench.
/// </summary>
[Authorize]
public sealed class DossiersModel(PlatformApi api) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Commune, string Departement, DateOnly EventDay, DateTimeOffset DueAt, bool Overdue, string Status, bool Claimed);

    [BindProperty(SupportsGet = true)] public string? Departement { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; } = "pending";
    public List<Row> Rows { get; } = [];
    public List<(string Code, string Name)> Departements { get; } = [];
    public bool Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var region = User.FindFirst("region")?.Value;
        var mine = User.FindAll("departement").Select(d => d.Value).ToList();
        Departements.AddRange((mine.Count > 0 ? mine : FrenchTerritory.Departements.Where(d => region is null || d.RegionCode == region).Select(d => d.Code))
            .Select(code => (code, FrenchTerritory.FindDepartement(code)?.Name ?? code)));

        var query = "api/review/cases?limit=100";
        if (Departement is { Length: > 0 }) query += "&departement=" + Uri.EscapeDataString(Departement);
        if (Statut is { Length: > 0 } && Statut != "all") query += "&status=" + Uri.EscapeDataString(Statut);
        using var response = await api.SendAsync(HttpMethod.Get, query, null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        if (response.StatusCode != HttpStatusCode.OK) { Unavailable = true; return Page(); }
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var c in page.GetProperty("items").EnumerateArray())
        {
            var insee = c.GetProperty("communeInsee").GetString()!;
            Rows.Add(new Row(c.GetProperty("id").GetGuid(), c.GetProperty("title").GetString()!, CommuneDirectory.Instance.Find(insee)?.Name ?? insee,
                c.GetProperty("departement").GetString()!, DateOnly.Parse(c.GetProperty("eventDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                c.GetProperty("dueAt").GetDateTimeOffset(), c.GetProperty("overdue").GetBoolean(), c.GetProperty("status").GetString()!,
                c.GetProperty("claim").ValueKind == JsonValueKind.Object));
        }
        Rows.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return Page();
    }

    public static string StatusLabel(string code) => code switch
    {
        "pending" => "À instruire",
        "changesRequested" => "Modifications demandées",
        "labelled" => "Labellisé",
        "refused" => "Refusé",
        "withdrawn" => "Retiré",
        _ => code,
    };
}
