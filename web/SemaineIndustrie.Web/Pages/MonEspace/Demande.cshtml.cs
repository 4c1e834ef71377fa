using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>One of the organisation's submissions: its status, the reviewer's message, and what can be done (revise, withdraw).</summary>
[Authorize]
public sealed class DemandeModel(PlatformApi api) : PageModel
{
    public JsonElement Submission { get; private set; }
    public string? Message { get; private set; }
    public string Status => Submission.GetProperty("status").GetString()!;
    public bool Revisable => Status is not "withdrawn";
    /// <summary>The timeline: every status it went through, oldest first (empty when the history cannot be read now).</summary>
    public List<(string Status, int Version, string? Message, DateTimeOffset At)> Timeline { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait switch { "modifiee" => "Votre demande modifiée est envoyée au comité.", "retiree" => "Votre demande est retirée.", _ => null };
        using var response = await api.SendAsync(HttpMethod.Get, $"api/submissions/{id}", null, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}");
        if (response.StatusCode == HttpStatusCode.NotFound) return NotFound(); // another organisation's, exactly like one that does not exist
        response.EnsureSuccessStatusCode();
        Submission = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var history = await api.SendAsync(HttpMethod.Get, $"api/submissions/{id}/history", null, ct);
        if (history is { StatusCode: HttpStatusCode.OK })
        {
            Timeline.AddRange((await history.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(h => (
                h.GetProperty("status").GetString()!, h.GetProperty("version").GetInt32(),
                h.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null, h.GetProperty("at").GetDateTimeOffset())));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"api/submissions/{id}/withdraw", null, ct);
        if (response is null) return LocalRedirect("/session/connexion");
        return LocalRedirect($"/mon-espace/demandes/{id}" + (response.IsSuccessStatusCode ? "?fait=retiree" : ""));
    }
}
