using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>The organisation's submissions, newest first, with their status in plain words.</summary>
[Authorize]
public sealed class DemandesModel(PlatformApi api) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Status, DateTimeOffset StartsAt, string Commune, DateTimeOffset UpdatedAt);

    public List<Row> Rows { get; } = [];
    public bool Unavailable { get; private set; }
    [BindProperty(SupportsGet = true, Name = "cree")] public string? Created { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/submissions?limit=100", null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes");
        if (response.StatusCode != HttpStatusCode.OK) { Unavailable = true; return Page(); }
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var insee = item.GetProperty("communeInsee").GetString()!;
            Rows.Add(new Row(item.GetProperty("id").GetGuid(), item.GetProperty("title").GetString()!, item.GetProperty("status").GetString()!,
                item.GetProperty("startsAt").GetDateTimeOffset(), CommuneDirectory.Instance.Find(insee)?.Name ?? insee, item.GetProperty("updatedAt").GetDateTimeOffset()));
        }
        return Page();
    }
}
