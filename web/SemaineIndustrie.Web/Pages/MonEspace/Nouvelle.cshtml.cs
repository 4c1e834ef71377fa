using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Declaring an event: a form built from the edition (sectors, audiences, dates); the submission API's
/// problem details are shown beside each field; when the postal code is shared by several communes, the
/// candidates the API returns are offered. With <c>?depuis={id}</c>, the form starts from one of the
/// organisation's submissions (to repeat an event on another day or at another venue): a new submission. With
/// <c>?reconduire={id}</c>, a demand of a past edition is carried over into the open one (the submission API moves its dates
/// to the same weekday of the new week and keeps the sectors the new edition still has): a new submission too.
/// </summary>
[Authorize]
public sealed class NouvelleModel(SubmissionsClient submissions, CatalogueClient catalogue, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text) : SubmissionFormModel
{
    public bool Duplicate { get; private set; }
    /// <summary>The demand carried over ("Reconduire"), with the labels of what the new edition no longer has.</summary>
    public CarryOverView? CarriedOver { get; private set; }
    public IReadOnlyList<string> Dropped { get; private set; } = [];
    /// <summary>Why a demand could not be carried over (no edition open, already of this edition).</summary>
    public string? CarryOverRefused { get; private set; }

    /// <summary>The draft this form is saved in (explicitly, and every few seconds by /js/draft-autosave.js).</summary>
    public Guid? DraftId { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }
    /// <summary>"?enregistre=1": the draft was just saved.</summary>
    [BindProperty(SupportsGet = true, Name = "enregistre")] public string? JustSaved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? depuis, Guid? reconduire, Guid? brouillon, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        if (brouillon is { } draftId) return await ResumeAsync(draftId, ct);
        if (reconduire is { } past) return await CarryOverAsync(past, ct);
        if (depuis is not { } source) return Page();
        var read = await submissions.GetAsync(source, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Fdepuis%3D{source}");
        if (read.Status == HttpStatusCode.NotFound) return NotFound();
        Prefill(read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {source}."));
        Duplicate = true;
        return Page();
    }

    private async Task<IActionResult> ResumeAsync(Guid id, CancellationToken ct)
    {
        var read = await submissions.DraftAsync(id, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Fbrouillon%3D{id}");
        if (read.Value is not { } draft) return NotFound();
        await UseEditionAsync(catalogue, draft.Edition, ct);
        Prefill(draft.Submission);
        (DraftId, DraftSavedAt) = (draft.Id, draft.UpdatedAt);
        return Page();
    }

    /// <summary>"Enregistrer le brouillon": the form as it is, kept by the submission API; the page comes back on the draft's address.</summary>
    public async Task<IActionResult> OnPostBrouillonAsync(Guid? brouillon, CancellationToken ct)
    {
        await UploadPictureAsync(submissions, ct);
        if (Errors.Count > 0) // the picture was refused: the form comes back with the reason
        {
            await UseEditionAsync(catalogue, null, ct);
            BuildSubmission();
            DraftId = brouillon;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var saved = await submissions.SaveDraftAsync(brouillon, BuildSubmission(), ct);
        if (saved.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (saved.Value is not { } draft)
        {
            await UseEditionAsync(catalogue, null, ct);
            ApplyProblem(saved);
            DraftId = brouillon;
            return Page();
        }
        return LocalRedirect($"/mon-espace/demandes/nouvelle?brouillon={draft.Id}&enregistre=1");
    }

    /// <summary>The autosave (a script, every few seconds while the form changes): the draft's id and when it was saved, as JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid? brouillon, CancellationToken ct)
    {
        var saved = await submissions.SaveDraftAsync(brouillon, BuildSubmission(), ct);
        if (saved.NeedsSignIn) return Unauthorized();
        if (saved.Value is not { } draft) return StatusCode((int)saved.Status);
        return new JsonResult(new { id = draft.Id, message = text["Form.DraftSavedTime", ParisTime.Format(draft.UpdatedAt, "HH:mm:ss")].Value });
    }

    private async Task<IActionResult> CarryOverAsync(Guid past, CancellationToken ct)
    {
        var answer = await submissions.CarryOverAsync(past, ct);
        if (answer.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Freconduire%3D{past}");
        if (answer.Status == HttpStatusCode.NotFound) return NotFound();
        if (answer.Value is not { } carried)
        {
            CarryOverRefused = answer.Problem?.FieldErrors().FirstOrDefault().Value ?? answer.Describe();
            Response.StatusCode = (int)answer.Status;
            return Page();
        }
        CarriedOver = carried;
        await UseEditionAsync(catalogue, carried.ToEdition, ct); // its sectors, audiences and focus tags
        Prefill(carried.Submission);
        var before = await catalogue.EditionAsync(carried.FromEdition, ct);
        string Label(string code) => before?.Sectors.FirstOrDefault(s => s.Code == code)?.Label ?? before?.Audiences.FirstOrDefault(a => a.Code == code)?.Label ?? code;
        Dropped = [.. carried.DroppedSectors.Select(Label), .. carried.DroppedAudiences.Select(Label)];
        return Page();
    }

    /// <param name="annee">The edition the form was built for (a demand carried over into it): its choices are shown again.</param>
    public async Task<IActionResult> OnPostAsync(int? annee, Guid? brouillon, CancellationToken ct)
    {
        await UseEditionAsync(catalogue, annee, ct);
        DraftId = brouillon;
        await UploadPictureAsync(submissions, ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        var created = brouillon is { } draftId ? await SubmitDraftAsync(draftId, submission, ct) : await submissions.CreateAsync(submission, ct);
        if (created.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (created.Status == HttpStatusCode.Created) return LocalRedirect("/mon-espace/demandes?cree=1");
        ApplyProblem(created);
        return Page();
    }

    /// <summary>A draft is saved as the form now is, then submitted: the demand is created and the draft removed together.</summary>
    private async Task<ApiAnswer<SubmissionView>> SubmitDraftAsync(Guid draftId, SubmissionRequest submission, CancellationToken ct)
    {
        var saved = await submissions.SaveDraftAsync(draftId, submission, ct);
        if (!saved.Succeeded) return new ApiAnswer<SubmissionView>(saved.Status, null, saved.Problem, null);
        return await submissions.SubmitDraftAsync(draftId, ct);
    }
}
