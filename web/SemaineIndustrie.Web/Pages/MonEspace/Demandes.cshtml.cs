using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Contracts.Editions;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// The organisation's history across editions: its submissions by edition (the newest edition first), newest first within
/// one, with their status in plain words; a demand of a past edition can be carried over into the current one ("Reconduire").
/// </summary>
[Authorize]
public sealed class DemandesModel(SubmissionsClient submissions, CatalogueClient catalogue, ConversationsClient conversations) : PageModel
{
    /// <summary>Per demand, how many of the committee's messages are unread (none: absent).</summary>
    public Dictionary<Guid, int> Unread { get; } = [];

    public sealed record Row(Guid Id, string Title, SubmissionStatus Status, int Edition, DateTimeOffset StartsAt, string Commune, DateTimeOffset UpdatedAt);

    public List<Row> Rows { get; } = [];
    /// <summary>The organisation's drafts, most recently saved first.</summary>
    public List<DraftSummary> Drafts { get; } = [];
    [BindProperty(SupportsGet = true, Name = "supprime")] public string? Deleted { get; set; }

    /// <summary>A draft's missing fields in words of the page's language ("venue.postalCode" → "lieu" / "venue"), each once.</summary>
    public static string MissingInWords(Microsoft.Extensions.Localization.IStringLocalizer T, IEnumerable<string> fields) => string.Join(", ", fields
        .Select(f => f.Split('.')[0] is "startsAt" or "endsAt" or "edition" ? "dates" : f.Split('.')[0])
        .Select(part => T[$"Missing.{part}"] is { ResourceNotFound: false } words ? words.Value : part).Distinct());

    public async Task<IActionResult> OnPostSupprimerAsync(Guid id, CancellationToken ct)
    {
        var deleted = await submissions.DeleteDraftAsync(id, ct);
        if (deleted.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes");
        return LocalRedirect("/mon-espace/demandes?supprime=1");
    }
    /// <summary>The rows by edition, the newest edition first.</summary>
    public IEnumerable<IGrouping<int, Row>> ByEdition => Rows.GroupBy(r => r.Edition).OrderByDescending(g => g.Key);
    /// <summary>The editions accepting demands now: a demand of an earlier edition may be carried into the first one after it.</summary>
    public IReadOnlyList<Edition> Open { get; private set; } = [];
    public Edition? Current { get; private set; }

    /// <summary>The edition a demand of <paramref name="year"/> would be carried into, if any.</summary>
    public Edition? CarryOverTarget(int year) => Open.FirstOrDefault(e => e.Year > year);
    public bool Unavailable { get; private set; }
    [BindProperty(SupportsGet = true, Name = "cree")] public string? Created { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answer = await submissions.ListAsync(100, ct);
        if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdemandes");
        if (answer.Value is not { } page) { Unavailable = true; return Page(); }
        Current = await catalogue.CurrentEditionAsync(ct);
        Drafts.AddRange((await submissions.DraftsAsync(ct)).Value ?? []);
        Open = await catalogue.OpenEditionsAsync(ct);
        foreach (var conversation in (await conversations.SummariesAsync(ct)).Value ?? [])
            if (conversation.Unread > 0) Unread[conversation.SubmissionId] = conversation.Unread;
        Rows.AddRange(page.Items.Select(item =>
            new Row(item.Id, item.Title, item.Status, item.Edition, item.StartsAt, CommuneDirectory.Instance.Find(item.CommuneInsee)?.Name ?? item.CommuneInsee, item.UpdatedAt)));
        return Page();
    }
}
