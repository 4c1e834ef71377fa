using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>The national team's editions: each one's week, window and state, publish or delete, and who changed what — through the editions API.</summary>
[Authorize]
public sealed class EditionsModel(EditionsClient editions) : PageModel
{
    private const string Here = "/mon-espace/editions";
    public IReadOnlyList<Edition> Editions { get; private set; } = [];
    public IReadOnlyList<EditionChangeView> Changes { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Message = fait is "creee" or "modifiee" or "publiee" or "supprimee" ? $"Editions.Done.{fait}" : null;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPublierAsync(int annee, CancellationToken ct) =>
        Done(await editions.PublishAsync(annee, ct), "publiee") ?? await LoadAsync(ct);

    public async Task<IActionResult> OnPostSupprimerAsync(int annee, CancellationToken ct) =>
        Done(await editions.DeleteAsync(annee, ct), "supprimee") ?? await LoadAsync(ct);

    private IActionResult? Done<T>(ApiAnswer<T> answer, string what)
    {
        if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Feditions");
        if (answer.Succeeded) return LocalRedirect($"{Here}?fait={what}");
        Error = answer.Describe();
        Response.StatusCode = (int)answer.Status;
        return null;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var read = await editions.AdminAsync(ct);
        if (read.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Feditions");
        if (read.Status is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Unauthorized)
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (read.Value is not { } view) { Error ??= read.Describe(); return Page(); }
        (Editions, Changes) = (view.Editions.OrderByDescending(e => e.Year).ToList(), view.Changes);
        return Page();
    }

    /// <summary>The resource of a change's action ("Editions.Action.created").</summary>
    public static string Action(string action) => $"Editions.Action.{action}";
}
