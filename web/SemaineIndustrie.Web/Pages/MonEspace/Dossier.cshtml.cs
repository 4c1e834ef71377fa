using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts.Geocoding;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Catalogue;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// A case, as a committee member works it: the event, the pre-checks in plain words and the likely
/// duplicates; the venue on a map whose pin can be moved (the geocoding service's manual correction); who
/// holds the case and until when; the decision with the committee's motivation templates; notes and the
/// audit trail; the previous and next cases of the queue (also on the keyboard). Every rule and refusal is
/// the APIs', shown as they answer.
/// </summary>
[Authorize]
public sealed class DossierModel(ReviewClient review, GeocodingClient geocoding, CatalogueClient catalogue, IOptions<WebOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public CaseDetail Case { get; private set; } = null!;
    public LocationView? Location { get; private set; }
    public List<MotivationTemplateView> Templates { get; } = [];
    public List<AuditEntryView> Audit { get; } = [];
    /// <summary>The committee members who may be handed this case (none when it is decided or the list cannot be read).</summary>
    public List<Assignee> Assignees { get; } = [];
    public Guid? Previous { get; private set; }
    public Guid? Next { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public MapOptions Map => options.Value.Map;
    public Edition? Edition { get; private set; }
    public string? Me => User.FindFirst("sub")?.Value;
    public bool ClaimedByMe => Case.Claim is { } claim && claim.By == Me;
    public bool ClaimedByOther => Case.Claim is not null && !ClaimedByMe;
    public bool Open => Case.Status == CaseStatus.Pending;
    /// <summary>The conversation with the organisation (its messages are read once shown here).</summary>
    public Conversations.ConversationPanel Conversation { get; private set; } = null!;
    private string? messageError, messageDraft;

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, CancellationToken ct)
    {
        Message = fait is { Length: > 0 } && T[$"Case.Done.{fait}"] is { ResourceNotFound: false } done ? done.Value : null;
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostPrendreAsync(Guid id, CancellationToken ct) => await AfterAsync(id, await review.ClaimAsync(id, ct), "pris", ct);

    /// <summary>Hands the case to a colleague of the committee (their claim replaces any other; they are told by mail).</summary>
    public async Task<IActionResult> OnPostConfierAsync(Guid id, string? collegue, CancellationToken ct) =>
        await AfterAsync(id, await review.AssignAsync(id, new AssignRequest(collegue), ct), "confie", ct);

    public async Task<IActionResult> OnPostRendreAsync(Guid id, CancellationToken ct) => await AfterAsync(id, await review.ReleaseAsync(id, ct), "rendu", ct);

    /// <summary>A message to the organisation (which reads it, unlike a note).</summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid id, string? message, CancellationToken ct)
    {
        var sent = await review.PostMessageAsync(id, new MessageRequest(message), ct);
        if (sent.NeedsSignIn) return SignIn(id);
        if (sent.Succeeded) return LocalRedirect($"/mon-espace/dossiers/{id}?fait=message#echanges");
        if (sent.Status == System.Net.HttpStatusCode.NotFound) return NotFound();
        (messageError, messageDraft) = (sent.Problem?.FieldErrors().FirstOrDefault().Value ?? sent.Describe(), message);
        var page = await LoadAsync(id, ct);
        if (page is PageResult) Response.StatusCode = (int)sent.Status;
        return page;
    }

    public async Task<IActionResult> OnPostNoterAsync(Guid id, string? note, CancellationToken ct) =>
        await AfterAsync(id, await review.AddNoteAsync(id, new NoteRequest(note), ct), "note", ct);

    /// <summary>A decision; without JavaScript, a chosen template stands for an empty motivation.</summary>
    public async Task<IActionResult> OnPostDeciderAsync(Guid id, string? decision, string? motivation, Guid? modele, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(motivation) && modele is { } template)
        {
            await LoadTemplatesAsync(ct);
            motivation = Templates.FirstOrDefault(t => t.Id == template)?.Text;
        }
        var decided = await review.DecideAsync(id, new DecisionRequest(decision, string.IsNullOrWhiteSpace(motivation) ? null : motivation), ct);
        return await AfterAsync(id, decided, "decide", ct);
    }

    /// <summary>The venue placed by hand (the pin moved on the map, or the coordinates typed).</summary>
    public async Task<IActionResult> OnPostLocaliserAsync(Guid id, Guid submissionId, string? latitude, string? longitude, CancellationToken ct)
    {
        static double? Number(string? text) =>
            double.TryParse(text?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        return await AfterAsync(id, await geocoding.PlaceAsync(submissionId, new CorrectionRequest(Number(latitude), Number(longitude)), ct), "localise", ct);
    }

    /// <summary>After an action: back to the case with what was done, or the case again with the API's refusal.</summary>
    private async Task<IActionResult> AfterAsync(Guid id, ApiAnswer<Nothing> answer, string done, CancellationToken ct)
    {
        if (answer.NeedsSignIn) return SignIn(id);
        if (answer.Succeeded) return LocalRedirect($"/mon-espace/dossiers/{id}?fait={done}");
        Error = answer.Describe();
        var page = await LoadAsync(id, ct);
        if (page is PageResult) Response.StatusCode = (int)answer.Status;
        return page;
    }

    private LocalRedirectResult SignIn(Guid id) => LocalRedirect($"/session/connexion?retour=%2Fmon-espace%2Fdossiers%2F{id}");

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var read = await review.CaseAsync(id, ct);
        if (read.NeedsSignIn) return SignIn(id);
        if (read.Status == System.Net.HttpStatusCode.NotFound) return NotFound(); // outside the reviewer's scope, exactly like a case that does not exist
        Case = read.Value ?? throw new HttpRequestException($"The review API answered {(int)read.Status} for case {id}.");

        // What surrounds the case is read too; a part that cannot be read now is left out, not an error page.
        Location = (await geocoding.VenueAsync(Case.SubmissionId, ct)).Value;
        Audit.AddRange((await review.AuditAsync(id, ct)).Value ?? []);
        if (Open) Assignees.AddRange((await review.AssigneesAsync(id, ct)).Value ?? []);
        await LoadTemplatesAsync(ct);
        await LoadNeighboursAsync(id, ct);
        Edition = await catalogue.CurrentEditionAsync(ct);
        var messages = (await review.MessagesAsync(id, ct)).Value;
        if (messages?.Any(m => m.From == "organiser" && m.ReadAt is null) == true) await review.ReadMessagesAsync(id, ct);
        Conversation = new(messages, "committee", messageError, messageDraft);
        return Page();
    }

    private async Task LoadTemplatesAsync(CancellationToken ct)
    {
        if (Templates.Count == 0) Templates.AddRange((await review.TemplatesAsync(null, ct)).Value ?? []);
    }

    /// <summary>The cases before and after this one in the queue of cases to decide (soonest deadline first).</summary>
    private async Task LoadNeighboursAsync(Guid id, CancellationToken ct)
    {
        if ((await review.CasesAsync("status=pending&limit=200", ct)).Value is not { } queue) return;
        var ids = queue.Items.Select(c => c.Id).ToList();
        var at = ids.IndexOf(id);
        if (at < 0) { Next = ids.FirstOrDefault(c => c != id) is var first && first != Guid.Empty ? first : null; return; }
        Previous = at > 0 ? ids[at - 1] : null;
        Next = at + 1 < ids.Count ? ids[at + 1] : null;
    }

    /// <summary>Who acted, as colleagues read it: "vous", the platform, or the member's name (the review API's).</summary>
    public string Actor(string subject, string? name = null) =>
        subject == Me ? T["Cases.You"] : subject == "system" ? T["Case.Platform"]
        : name ?? Case.People.GetValueOrDefault(subject) ?? T["Cases.AMember"];

    /// <summary>Who did an audited step: a message from the organisation is the organisation's, whoever of its members wrote it.</summary>
    public string AuditActor(AuditEntryView entry) => entry.Action == "message-from-organiser" ? T["Case.TheOrganiser"] : Actor(entry.Actor, entry.ActorName);

    /// <summary>An audited action in words ("Audit.{action}"), or its code when it has none.</summary>
    public string ActionLabel(string action) => T[$"Audit.{action}"] is { ResourceNotFound: false } label ? label.Value : action;
}
