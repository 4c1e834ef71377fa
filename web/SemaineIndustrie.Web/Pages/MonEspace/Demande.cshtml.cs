using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>One of the organisation's submissions: its status, the reviewer's message, and what can be done (revise, withdraw).</summary>
[Authorize]
public sealed class DemandeModel(SubmissionsClient submissions) : PageModel
{
    public SubmissionView Submission { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool Revisable => Submission.Status is not SubmissionStatus.Withdrawn;
    /// <summary>The timeline: every status it went through, oldest first (empty when the history cannot be read now).</summary>
    public List<StatusChangeView> Timeline { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait switch { "modifiee" => "Votre demande modifiée est envoyée au comité.", "retiree" => "Votre demande est retirée.", _ => null };
        var read = await submissions.GetAsync(id, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}");
        if (read.Status == HttpStatusCode.NotFound) return NotFound(); // another organisation's, exactly like one that does not exist
        Submission = read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {id}.");
        Timeline.AddRange((await submissions.HistoryAsync(id, ct)).Value ?? []);
        return Page();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, CancellationToken ct)
    {
        var withdrawn = await submissions.WithdrawAsync(id, ct);
        if (withdrawn.NeedsSignIn) return LocalRedirect("/session/connexion");
        return LocalRedirect($"/mon-espace/demandes/{id}" + (withdrawn.Succeeded ? "?fait=retiree" : ""));
    }
}
