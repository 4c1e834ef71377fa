using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>The committee's motivation templates (shared by its members): read, add, delete — through the review API.</summary>
[Authorize]
public sealed class ModelesModel(ReviewClient review) : PageModel
{
    public List<MotivationTemplateView> Templates { get; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Error { get; private set; }
    /// <summary>The resource naming what was just done, or null.</summary>
    public string? Message { get; private set; }
    /// <summary>The API refused this person (an organiser): the page says so, with 403.</summary>
    public bool Refused { get; private set; }
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public string? Texte { get; set; }
    /// <summary>An admin chooses the committee (région); a reviewer works with their own.</summary>
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public bool Admin => User.IsInRole("admin");
    private string RegionQuery => Admin && Region is { Length: > 0 } ? "?region=" + Uri.EscapeDataString(Region) : "";

    public async Task<IActionResult> OnGetAsync(string? fait, CancellationToken ct)
    {
        Message = fait is "ajoute" or "supprime" ? $"Templates.Done.{fait}" : null;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAjouterAsync(CancellationToken ct)
    {
        var added = await review.AddTemplateAsync(new MotivationTemplateRequest(Titre, Texte, Admin ? Region : null), ct);
        if (added.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        if (added.Status == HttpStatusCode.Created) return LocalRedirect("/mon-espace/modeles" + AddTo(RegionQuery, "fait=ajoute"));
        foreach (var (field, message) in added.Problem?.FieldErrors() ?? []) Errors[field] = message;
        Error = ApiProblem.Title(added.Problem?.Title);
        Response.StatusCode = (int)added.Status;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid modele, CancellationToken ct)
    {
        var deleted = await review.DeleteTemplateAsync(modele, ct);
        if (deleted.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        return LocalRedirect("/mon-espace/modeles" + AddTo(RegionQuery, deleted.Succeeded ? "fait=supprime" : ""));
    }

    private static string AddTo(string query, string part) => part.Length == 0 ? query : query.Length == 0 ? "?" + part : query + "&" + part;

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        if (Admin && Region is not { Length: > 0 }) return Page(); // an admin first chooses the committee
        var read = await review.TemplatesAsync(Admin && Region is { Length: > 0 } ? Region : null, ct);
        if (read.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fmodeles");
        if (read.Status == HttpStatusCode.Forbidden) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (read.Value is not { } templates) { Error = read.Describe(); return Page(); }
        Templates.AddRange(templates);
        return Page();
    }
}
