using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>The organisation's submissions, newest first, with their status in plain words.</summary>
[Authorize]
public sealed class DemandesModel(SubmissionsClient submissions) : PageModel
{
    public sealed record Row(Guid Id, string Title, SubmissionStatus Status, DateTimeOffset StartsAt, string Commune, DateTimeOffset UpdatedAt);

    public List<Row> Rows { get; } = [];
    public bool Unavailable { get; private set; }
    [BindProperty(SupportsGet = true, Name = "cree")] public string? Created { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answer = await submissions.ListAsync(100, ct);
        if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes");
        if (answer.Value is not { } page) { Unavailable = true; return Page(); }
        Rows.AddRange(page.Items.Select(item =>
            new Row(item.Id, item.Title, item.Status, item.StartsAt, CommuneDirectory.Instance.Find(item.CommuneInsee)?.Name ?? item.CommuneInsee, item.UpdatedAt)));
        return Page();
    }
}
