using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Declaring an event: a form built from the edition (sectors, audiences, dates); the submission API's
/// problem details are shown beside each field; when the postal code is shared by several communes, the
/// candidates the API returns are offered.
/// </summary>
[Authorize]
public sealed class NouvelleModel(PlatformApi api, CatalogueClient catalogue) : SubmissionFormModel
{
    public async Task OnGetAsync(CancellationToken ct) => Edition = await catalogue.CurrentEditionAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        var submission = BuildSubmission();
        if (Errors.Count > 0) return Page();
        using var response = await api.SendAsync(HttpMethod.Post, "api/submissions", submission, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle");
        if (response.StatusCode == HttpStatusCode.Created) return LocalRedirect("/mon-espace/demandes?cree=1");
        await ApplyProblemAsync(response, ct);
        return Page();
    }
}
