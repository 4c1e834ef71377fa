using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Revising a submission (after a request for changes, or before the decision): the form prefilled with the
/// current version; sent with If-Match, so that a change made meanwhile (by a colleague) is surfaced, not overwritten.
/// </summary>
[Authorize]
public sealed class ModifierModel(SubmissionsClient submissions, CatalogueClient catalogue) : SubmissionFormModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty] public string? Version { get; set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var read = await submissions.GetAsync(id, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}%2Fmodifier");
        if (read.Status == HttpStatusCode.NotFound) return NotFound();
        Version = read.ETag;
        var view = read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {id}.");
        await UseEditionAsync(catalogue, view.Event.Edition.Year, ct); // the demand's own edition
        Prefill(view);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int? annee, CancellationToken ct)
    {
        await UseEditionAsync(catalogue, annee, ct);
        await UploadPictureAsync(submissions, ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        var revised = await submissions.ReviseAsync(id, submission, Version, ct);
        if (revised.NeedsSignIn) return LocalRedirect("/session/connexion");
        if (revised.Succeeded) return LocalRedirect($"/mon-espace/demandes/{id}?fait=modifiee");
        if (revised.Status == HttpStatusCode.PreconditionFailed)
        {
            Conflict = true; // someone changed it meanwhile: nothing was overwritten
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            return Page();
        }
        ApplyProblem(revised);
        return Page();
    }
}
