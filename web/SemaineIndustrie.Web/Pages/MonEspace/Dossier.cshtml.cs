using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// A case: the event as submitted, the pre-checks in plain words, who holds it; take it, then label,
/// refuse (motivated) or ask for changes. Every rule and refusal is the review API's, shown as it answers.
/// </summary>
[Authorize]
public sealed class DossierModel(PlatformApi api) : PageModel
{
    public JsonElement Case { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public bool ClaimedByMe => Case.GetProperty("claim") is { ValueKind: JsonValueKind.Object } claim && claim.GetProperty("by").GetString() == User.FindFirst("sub")?.Value;
    public bool ClaimedByOther => Case.GetProperty("claim") is { ValueKind: JsonValueKind.Object } && !ClaimedByMe;
    public bool Open => Case.GetProperty("status").GetString() is "pending";

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait switch { "pris" => "Vous avez pris le dossier.", "decide" => "Votre décision est enregistrée.", _ => null };
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostPrendreAsync(Guid id, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/claim", null, ct);
        if (response is null) return LocalRedirect("/session/connexion");
        if (response.IsSuccessStatusCode) return LocalRedirect($"/mon-espace/dossiers/{id}?fait=pris");
        Error = await ProblemAsync(response, ct);
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeciderAsync(Guid id, string? decision, string? motivation, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"api/review/cases/{id}/decision",
            new JsonObject { ["decision"] = decision, ["motivation"] = string.IsNullOrWhiteSpace(motivation) ? null : motivation }, ct);
        if (response is null) return LocalRedirect("/session/connexion");
        if (response.IsSuccessStatusCode) return LocalRedirect($"/mon-espace/dossiers/{id}?fait=decide");
        Error = await ProblemAsync(response, ct);
        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"api/review/cases/{id}", null, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdossiers%2F{id}");
        if (response.StatusCode == HttpStatusCode.NotFound) return NotFound(); // outside the reviewer's scope, exactly like a case that does not exist
        response.EnsureSuccessStatusCode();
        Case = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return Page();
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var details = problem.TryGetProperty("errors", out var errors)
            ? string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())))
            : problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        return (problem.TryGetProperty("title", out var title) ? title.GetString() : "Refusé") + (details is null ? "" : " — " + details);
    }

    public static string CheckLabel(string code) => code switch
    {
        "free-of-charge" => "Gratuit pour le public",
        "within-edition" => "Pendant la semaine de l'édition",
        "open-to-public" => "Ouvert au public",
        "about-industry" => "Fait découvrir l'industrie",
        "likely-duplicate" => "Pas de doublon probable",
        "venue-located" => "Lieu localisé",
        _ => code,
    };
}
