using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Notifications;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>Which mails the signed-in person gets (the notification service's preferences; the same as the mails' unsubscribe links).</summary>
[Authorize]
public sealed class NotificationsModel(PreferencesClient preferences) : PageModel
{
    public static readonly IReadOnlyList<(string Kind, string Label, string Hint)> Kinds =
    [
        ("submission-received", "Demande reçue", "quand une demande de l'organisation est enregistrée"),
        ("in-review", "En cours d'examen", "quand le comité ouvre le dossier"),
        ("labelled", "Label accordé", "avec le lien de la page publique et le kit de communication"),
        ("refused", "Label refusé", "avec la motivation du comité"),
        ("changes-requested", "Modifications demandées", "avec le message du comité"),
        ("withdrawn", "Événement retiré", "quand un événement de l'organisation est retiré"),
        ("submission-reminder", "Rappels avant la clôture des demandes", "7 jours puis 2 jours avant la fin du dépôt : brouillons à terminer, modifications attendues"),
        ("conversation-message", "Messages échangés sur une demande", "quand le comité écrit à l'organisation, ou l'organisation au comité (plusieurs messages en une minute : un seul courriel)"),
        ("committee-digest", "Résumé quotidien du comité", "pour les membres d'un comité : nouveaux dossiers, dossiers en retard ou à échéance"),
        ("case-assigned", "Dossier qui m'est confié", "pour les membres d'un comité : quand un collègue vous confie un dossier"),
        ("case-escalated", "Dossiers en retard signalés à la région", "pour les administrateurs d'une région : un dossier en retard de deux jours ouvrés"),
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
        var saved = await preferences.SaveAsync(new PreferencesRequest(Kinds.ToDictionary(k => k.Kind, k => actifs.Contains(k.Kind))), ct);
        if (saved.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fnotifications");
        if (saved.Succeeded) return LocalRedirect("/mon-espace/notifications?fait=1");
        Unavailable = true;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var read = await preferences.ReadAsync(ct);
        if (read.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fnotifications");
        if (read.Value is not { } kinds) { Unavailable = true; return Page(); }
        Enabled.UnionWith(kinds.Where(p => p.Enabled).Select(p => p.Kind));
        return Page();
    }
}
