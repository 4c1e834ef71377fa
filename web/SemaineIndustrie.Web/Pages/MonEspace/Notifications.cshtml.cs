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
    /// <summary>The kinds of mail a person may turn off; their words are the resources "Notify.{kind}" and "Notify.{kind}.Hint".</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "submission-received", "in-review", "labelled", "refused", "changes-requested", "withdrawn", "submission-reminder",
        "conversation-message", "committee-digest", "case-assigned", "case-escalated",
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
        var saved = await preferences.SaveAsync(new PreferencesRequest(Kinds.ToDictionary(k => k, k => actifs.Contains(k))), ct);
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
