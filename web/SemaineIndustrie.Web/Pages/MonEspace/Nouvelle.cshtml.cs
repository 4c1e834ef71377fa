using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Api;

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
public sealed class NouvelleModel(SubmissionsClient submissions, CatalogueClient catalogue) : SubmissionFormModel
{
    public bool Duplicate { get; private set; }
    /// <summary>The demand carried over ("Reconduire"), with the labels of what the new edition no longer has.</summary>
    public CarryOverView? CarriedOver { get; private set; }
    public IReadOnlyList<string> Dropped { get; private set; } = [];
    /// <summary>Why a demand could not be carried over (no edition open, already of this edition).</summary>
    public string? CarryOverRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? depuis, Guid? reconduire, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        if (reconduire is { } past) return await CarryOverAsync(past, ct);
        if (depuis is not { } source) return Page();
        var read = await submissions.GetAsync(source, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Fdepuis%3D{source}");
        if (read.Status == HttpStatusCode.NotFound) return NotFound();
        Prefill(read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {source}."));
        Duplicate = true;
        return Page();
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
    public async Task<IActionResult> OnPostAsync(int? annee, CancellationToken ct)
    {
        await UseEditionAsync(catalogue, annee, ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        var created = await submissions.CreateAsync(submission, ct);
        if (created.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (created.Status == HttpStatusCode.Created) return LocalRedirect("/mon-espace/demandes?cree=1");
        ApplyProblem(created);
        return Page();
    }
}
