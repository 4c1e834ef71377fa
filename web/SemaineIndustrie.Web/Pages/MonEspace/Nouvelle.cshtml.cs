using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Declaring an event: a form built from the edition (sectors, audiences, dates); the submission API's
/// problem details are shown beside each field; when the postal code is shared by several communes, the
/// candidates the API returns are offered. With <c>?depuis={id}</c>, the form starts from one of the
/// organisation's submissions (to repeat an event on another day or at another venue): a new submission.
/// </summary>
[Authorize]
public sealed class NouvelleModel(PlatformApi api, CatalogueClient catalogue) : SubmissionFormModel
{
    public bool Duplicate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? depuis, CancellationToken ct)
    {
        Edition = await catalogue.CurrentEditionAsync(ct);
        if (depuis is not { } source) return Page();
        using var response = await api.SendAsync(HttpMethod.Get, $"api/submissions/{source}", null, ct);
        if (response is null) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2Fnouvelle%3Fdepuis%3D{source}");
        if (response.StatusCode == HttpStatusCode.NotFound) return NotFound();
        response.EnsureSuccessStatusCode();
        Prefill(await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct));
        Duplicate = true;
        return Page();
    }

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
