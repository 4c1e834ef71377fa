using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>Which mails the signed-in person gets (the notification service's preferences; the same as the mails' unsubscribe links).</summary>
[Authorize]
public sealed class NotificationsModel(PlatformApi api) : PageModel
{
    public static readonly IReadOnlyList<(string Kind, string Label, string Hint)> Kinds =
    [
        ("submission-received", "Demande reçue", "quand une demande de l'organisation est enregistrée"),
        ("in-review", "En cours d'examen", "quand le comité ouvre le dossier"),
        ("labelled", "Label accordé", "avec le lien de la page publique et le kit de communication"),
        ("refused", "Label refusé", "avec la motivation du comité"),
        ("changes-requested", "Modifications demandées", "avec le message du comité"),
        ("withdrawn", "Événement retiré", "quand un événement de l'organisation est retiré"),
        ("committee-digest", "Résumé quotidien du comité", "pour les membres d'un comité : nouveaux dossiers, dossiers en retard ou à échéance"),
    ];

    public HashSet<string> Enabled { get; } = [];
    public bool Saved { get; private set; }
    public bool Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Saved = fait == "1";
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string[] actifs, CancellationToken ct)
    {
        var choices = new JsonObject();
        foreach (var (kind, _, _) in Kinds) choices[kind] = actifs.Contains(kind);
        using var response = await api.SendAsync(HttpMethod.Put, "api/notifications/preferences", new JsonObject { ["kinds"] = choices }, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fnotifications");
        if (response.IsSuccessStatusCode) return LocalRedirect("/mon-espace/notifications?fait=1");
        Unavailable = true;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/notifications/preferences", null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fnotifications");
        if (response.StatusCode != HttpStatusCode.OK) { Unavailable = true; return Page(); }
        foreach (var p in (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray())
            if (p.GetProperty("enabled").GetBoolean()) Enabled.Add(p.GetProperty("kind").GetString()!);
        return Page();
    }
}
