using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Revising a submission (after a request for changes, or before the decision): the form prefilled with the
/// current version; sent with If-Match, so that a change made meanwhile (by a colleague) is surfaced, not overwritten.
/// </summary>
[Authorize]
public sealed class ModifierModel(PlatformApi api, CatalogueClient catalogue) : SubmissionFormModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty] public string? Version { get; set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        using var response = await api.SendAsync(HttpMethod.Get, $"api/submissions/{id}", null, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}%2Fmodifier");
        if (response.StatusCode == HttpStatusCode.NotFound) return NotFound();
        response.EnsureSuccessStatusCode();
        Version = response.Headers.ETag?.Tag;
        Prefill(await response.Content.ReadFromJsonAsync<JsonElement>(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        using var response = await api.SendAsync(HttpMethod.Put, $"api/submissions/{id}", submission, ct, ifMatch: Version);
        if (response is null) return LocalRedirect("/session/connexion");
        if (response.IsSuccessStatusCode) return LocalRedirect($"/mon-espace/demandes/{id}?fait=modifiee");
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            Conflict = true; // someone changed it meanwhile: nothing was overwritten
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            return Page();
        }
        await ApplyProblemAsync(response, ct);
        return Page();
    }
}
