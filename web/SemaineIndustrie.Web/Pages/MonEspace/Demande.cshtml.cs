using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>One of the organisation's submissions: its status, the reviewer's message, and what can be done (revise, withdraw).</summary>
[Authorize]
public sealed class DemandeModel(SubmissionsClient submissions, ConversationsClient conversations) : PageModel
{
    /// <summary>The conversation with the committee (its messages are read once shown here); null messages: its case is not open yet.</summary>
    public Conversations.ConversationPanel Conversation { get; private set; } = null!;

    public SubmissionView Submission { get; private set; } = null!;
    /// <summary>The resource naming what was just done ("Demand.Sent"), or null.</summary>
    public string? Message { get; private set; }
    public bool Revisable => Submission.Status is not SubmissionStatus.Withdrawn;
    /// <summary>The timeline: every status it went through, oldest first (empty when the history cannot be read now).</summary>
    public List<StatusChangeView> Timeline { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait switch
        {
            "modifiee" => "Demand.Sent", "retiree" => "Demand.Withdrawn", "message" => "Demand.MessageSent", _ => null,
        };
        return await LoadAsync(id, null, null, ct);
    }

    /// <summary>A message to the committee reviewing the demand.</summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? message, CancellationToken ct)
    {
        var sent = await conversations.PostAsync(id, new SemaineIndustrie.Contracts.Review.MessageRequest(message), ct);
        if (sent.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}");
        if (sent.Succeeded) return LocalRedirect($"/mon-espace/demandes/{id}?fait=message#echanges");
        var page = await LoadAsync(id, sent.Problem?.FieldErrors().FirstOrDefault().Value ?? sent.Describe(), message, ct);
        if (page is PageResult) Response.StatusCode = (int)sent.Status;
        return page;
    }

    private async Task<IActionResult> LoadAsync(Guid id, string? messageError, string? draft, CancellationToken ct)
    {
        var read = await submissions.GetAsync(id, ct);
        if (read.NeedsSignIn) return LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdemandes%2F{id}");
        if (read.Status == HttpStatusCode.NotFound) return NotFound(); // another organisation's, exactly like one that does not exist
        Submission = read.Value ?? throw new HttpRequestException($"The submission API answered {(int)read.Status} for submission {id}.");
        Timeline.AddRange((await submissions.HistoryAsync(id, ct)).Value ?? []);
        var messages = (await conversations.MessagesAsync(id, ct)).Value;
        if (messages?.Any(m => m.From == "committee" && m.ReadAt is null) == true) await conversations.ReadAsync(id, ct);
        Conversation = new(messages, "organiser", messageError, draft);
        return Page();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, CancellationToken ct)
    {
        var withdrawn = await submissions.WithdrawAsync(id, ct);
        if (withdrawn.NeedsSignIn) return LocalRedirect("/session/connexion");
        return LocalRedirect($"/mon-espace/demandes/{id}" + (withdrawn.Succeeded ? "?fait=retiree" : ""));
    }
}
