using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Declaring an event: a form built from the edition (sectors, audiences, dates); the submission API's
/// problem details are shown beside each field; when the postal code is shared by several communes, the
/// candidates the API returns are offered. With <c>?depuis={id}</c>, the form starts from one of the
/// organisation's submissions (to repeat an event on another day or at another venue): a new submission.
/// </summary>
[Authorize]
public sealed class NouvelleModel(SubmissionsClient submissions, CatalogueClient catalogue) : SubmissionFormModel
{
    public bool Duplicate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? depuis, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        if (depuis is not { } source) return Page();
        var read = await submissions.GetAsync(source, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Fdepuis%3D{source}");
        if (read.Status == HttpStatusCode.NotFound) return NotFound();
        Prefill(read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {source}."));
        Duplicate = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        var created = await submissions.CreateAsync(submission, ct);
        if (created.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (created.Status == HttpStatusCode.Created) return LocalRedirect("/mon-espace/demandes?cree=1");
        ApplyProblem(created);
        return Page();
    }
}
