using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Wording;
using SemaineIndustrie.Web.Workbench;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// The reviewer's workbench list: the cases of their committee (the review API decides what they may see),
/// soonest deadline first (the API's order: a deadline is a fixed number of working days after receipt),
/// filtered by département, state, sector and event day, paginated by the API's cursor, exported as CSV.
/// </summary>
[Authorize]
public sealed class DossiersModel(ReviewClient review, CatalogueClient catalogue, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int PageSize = 50;
    /// <summary>The most a CSV export reads (the whole week of a région is far below).</summary>
    public const int ExportMax = 20_000;

    public sealed record Row(Guid Id, string Title, string Commune, string Departement, DateOnly EventDay, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
        bool Overdue, CaseStatus Status, string? ClaimedBy, LocationStatus Location, bool PossibleDuplicate);

    /// <summary>The state filter's codes; their words are the resources "State.{code}".</summary>
    public static readonly IReadOnlyList<string> States = ["pending", "unclaimed", "claimed", "overdue", "changesRequested", "labelled", "refused", "withdrawn", "all"];

    [BindProperty(SupportsGet = true)] public string? Departement { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; } = "pending";
    [BindProperty(SupportsGet = true)] public string? Filiere { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Jour { get; set; }
    /// <summary>Words of the title, organiser, venue, commune or case number (the review API's search).</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Who holds how many cases in the reviewer's scope (the review API's workload).</summary>
    public CommitteeWorkload? Workload { get; private set; }
    public string? CoverMessage { get; private set; }
    public string? Me => User.FindFirst("sub")?.Value;
    /// <summary>The reviewer's saved views (named filters).</summary>
    public List<SavedViewView> Views { get; } = [];
    public string? ViewError { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Apres { get; set; }
    /// <summary>The edition shown (<c>?annee=</c>), the current one by default.</summary>
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    public EditionChoice Edition { get; private set; } = EditionChoice.None;
    public string? NextCursor { get; private set; }
    public IReadOnlyList<CodeLabel> Sectors { get; private set; } = [];
    public List<Row> Rows { get; } = [];
    public List<(string Code, string Name)> Departements { get; } = [];
    public bool Unavailable { get; private set; }
    public List<(string Title, bool Decided, string Detail)> BulkResults { get; } = [];

    /// <summary>The committee's queues (one per département) with their counts and time to decision, from the review API.</summary>
    public List<QueueView> Queues { get; } = [];

    /// <summary>Several cases decided at once (the bulk API): one result per case, shown above the list.</summary>
    public async Task<IActionResult> OnPostDeciderAsync(Guid[] cases, string? decision, string? motivation, CancellationToken ct)
    {
        if (cases.Length > 0)
        {
            if (await OnGetAsync(ct) is not PageResult) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
            var titles = Rows.ToDictionary(r => r.Id, r => r.Title); // before the decisions move them out of this list
            var motivationOrNone = string.IsNullOrWhiteSpace(motivation) ? null : motivation;
            var answer = await review.DecideManyAsync(new BulkDecisionRequest(cases.Select(id => new BulkDecisionItem(id, decision, motivationOrNone)).ToList()), ct);
            if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
            var result = await OnGetAsync(ct); // the list as it is now
            if (answer.Value is not { } results)
            {
                BulkResults.Add((T["Cases.Selection"], false, answer.Describe()));
                return result;
            }
            foreach (var item in results)
            {
                var ok = item.Status == 200;
                var detail = ok ? (Enum.TryParse<CaseStatus>(item.Outcome, ignoreCase: true, out var outcome) ? T.Label(outcome) : item.Outcome ?? "") : item.Problem ?? T["Cases.Refused"];
                BulkResults.Add((titles.GetValueOrDefault(item.CaseId, item.CaseId.ToString()), ok, detail));
            }
            return result;
        }
        return await OnGetAsync(ct);
    }

    /// <summary>The filters as the review API's query string (the same for the page and the export).</summary>
    public string ApiQuery(int limit, string? cursor)
    {
        var query = $"limit={limit}";
        if (Edition.Year is { } year) query += $"&edition={year}";
        if (Departement is { Length: > 0 }) query += "&departement=" + Uri.EscapeDataString(Departement);
        if (Statut == "overdue") query += "&overdue=true";
        else if (Statut is { Length: > 0 } && Statut != "all") query += "&status=" + Uri.EscapeDataString(Statut);
        if (Filiere is { Length: > 0 }) query += "&sector=" + Uri.EscapeDataString(Filiere);
        if (Jour is { } day) query += $"&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        if (Q is { Length: > 0 }) query += "&q=" + Uri.EscapeDataString(Q);
        if (cursor is { Length: > 0 }) query += "&cursor=" + Uri.EscapeDataString(cursor);
        return query;
    }

    /// <summary>This list's filters as a query string of this page (for links: next page, export).</summary>
    public string PageQuery(string? handler = null, string? after = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add("handler=" + handler);
        if (Annee is { } year) parts.Add($"annee={year}");
        if (Departement is { Length: > 0 }) parts.Add("departement=" + Uri.EscapeDataString(Departement));
        if (Statut is { Length: > 0 }) parts.Add("statut=" + Uri.EscapeDataString(Statut));
        if (Filiere is { Length: > 0 }) parts.Add("filiere=" + Uri.EscapeDataString(Filiere));
        if (Jour is { } day) parts.Add($"jour={day:yyyy-MM-dd}");
        if (Q is { Length: > 0 }) parts.Add("q=" + Uri.EscapeDataString(Q));
        if (after is not null) parts.Add("apres=" + Uri.EscapeDataString(after));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>One page of cases from the review API, or null when the session has ended.</summary>
    private async Task<(List<Row> Rows, string? Next, bool Ok)?> ReadPageAsync(int limit, string? cursor, CancellationToken ct)
    {
        var answer = await review.CasesAsync(ApiQuery(limit, cursor), ct);
        if (answer.NeedsSignIn) return null;
        if (answer.Value is not { } page) return ([], null, false);
        var rows = page.Items.Select(c => new Row(c.Id, c.Title, CommuneDirectory.Instance.Find(c.CommuneInsee)?.Name ?? c.CommuneInsee, c.Departement, c.EventDay,
            c.ReceivedAt, c.DueAt, c.Overdue, c.Status, c.Claim?.By, c.Location, c.PossibleDuplicate)).ToList();
        return (rows, page.NextCursor, true);
    }

    /// <summary>The filtered list (every page) as CSV, for a spreadsheet: cells escaped against formula injection.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Edition = await EditionChoice.ForAsync(catalogue, Annee, ct);
        var csv = new System.Text.StringBuilder(CsvText.Header(["dossier", "evenement", "commune", "departement", "jour", "recu_le", "echeance", "en_retard", "etat", "pris", "lieu", "doublon_possible"]));
        string? cursor = null;
        var count = 0;
        do
        {
            if (await ReadPageAsync(CasesPageMax, cursor, ct) is not { } page) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
            if (!page.Ok) return StatusCode(StatusCodes.Status503ServiceUnavailable);
            foreach (var r in page.Rows)
            {
                csv.Append(CsvText.Row([r.Id.ToString(), CsvText.Cell(r.Title), CsvText.Cell(r.Commune), r.Departement, r.EventDay.ToString("yyyy-MM-dd"),
                    r.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"), r.DueAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"), r.Overdue ? "oui" : "non",
                    CsvText.Cell(T.Label(r.Status)), r.ClaimedBy is null ? "non" : "oui", Labels.Code(r.Location), r.PossibleDuplicate ? "oui" : "non"]));
            }
            count += page.Rows.Count;
            cursor = page.Next;
        } while (cursor is not null && count < ExportMax);
        return File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"dossiers-{Edition.Year}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    private const int CasesPageMax = 200;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows.Clear(); // also called after a bulk decision, to show the list as it is now
        Departements.Clear();
        Queues.Clear();
        var scope = ReviewerScope.Of(User);
        Departements.AddRange((scope.Departements.Count > 0 ? scope.Departements
                : FrenchTerritory.Departements.Where(d => scope.Allows(d.RegionCode, d.Code)).Select(d => d.Code))
            .Select(code => (code, FrenchTerritory.FindDepartement(code)?.Name ?? code)));
        Edition = await EditionChoice.ForAsync(catalogue, Annee, ct);
        Sectors = (Edition.Chosen ?? Edition.Current)?.Sectors ?? [];

        if (await ReadPageAsync(PageSize, Apres, ct) is not { } page) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        if (!page.Ok) { Unavailable = true; return Page(); }
        Rows.AddRange(page.Rows);
        NextCursor = page.Next;

        Queues.AddRange(((await review.QueuesAsync(Edition.Year, ct)).Value ?? []).OrderBy(q => q.Departement, StringComparer.Ordinal));
        Views.Clear();
        Views.AddRange((await review.ViewsAsync(ct)).Value ?? []);
        Workload = (await review.WorkloadAsync(Edition.Year, ct)).Value;
        return Page();
    }

    /// <summary>An absent member's cases: taken over by the reviewer ("me") or released for anyone, in one action.</summary>
    public async Task<IActionResult> OnPostCouvrirAsync(string? membre, string? vers, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(membre)) return LocalRedirect("/mon-espace/dossiers");
        var covered = await review.CoverAsync(membre, new CoverRequest(string.IsNullOrEmpty(vers) ? null : vers), ct);
        if (covered.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        var page = await OnGetAsync(ct);
        CoverMessage = covered.Value is { } result
            ? result.To is null ? T["Cases.Released", result.Cases] : T["Cases.TakenOver", result.Cases]
            : covered.Describe();
        if (!covered.Succeeded && page is PageResult) Response.StatusCode = (int)covered.Status;
        return page;
    }

    /// <summary>"Enregistrer cette vue": the list's filters kept under a name, then the list as it was.</summary>
    public async Task<IActionResult> OnPostVueAsync(string? nom, string? filtres, CancellationToken ct)
    {
        var saved = await review.SaveViewAsync(new SavedViewRequest(nom, filtres), ct);
        if (saved.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        if (saved.Succeeded) return LocalRedirect("/mon-espace/dossiers" + (string.IsNullOrEmpty(filtres) ? "" : "?" + filtres));
        ViewError = saved.Problem?.FieldErrors().FirstOrDefault().Value ?? saved.Describe();
        var page = await OnGetAsync(ct);
        if (page is PageResult) Response.StatusCode = (int)saved.Status;
        return page;
    }
}
