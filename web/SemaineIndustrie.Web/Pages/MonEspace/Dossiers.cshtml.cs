using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// The reviewer's workbench list: the cases of their committee (the review API decides what they may see),
/// soonest deadline first (the API's order: a deadline is a fixed number of working days after receipt),
/// filtered by département, state, sector and event day, paginated by the API's cursor, exported as CSV.
/// </summary>
[Authorize]
public sealed class DossiersModel(PlatformApi api, CatalogueClient catalogue) : PageModel
{
    public const int PageSize = 50;
    /// <summary>The most a CSV export reads (the whole week of a région is far below).</summary>
    public const int ExportMax = 20_000;

    public sealed record Row(Guid Id, string Title, string Commune, string Departement, DateOnly EventDay, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
        bool Overdue, string Status, string? ClaimedBy, string Location, bool PossibleDuplicate);

    public static readonly IReadOnlyList<(string Code, string Label)> States =
    [
        ("pending", "À instruire"), ("unclaimed", "À instruire, libres"), ("claimed", "À instruire, pris"), ("overdue", "En retard"),
        ("changesRequested", "Modifications demandées"), ("labelled", "Labellisés"), ("refused", "Refusés"), ("withdrawn", "Retirés"), ("all", "Tous"),
    ];

    [BindProperty(SupportsGet = true)] public string? Departement { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; } = "pending";
    [BindProperty(SupportsGet = true)] public string? Filiere { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Jour { get; set; }
    [BindProperty(SupportsGet = true)] public string? Apres { get; set; }
    public string? NextCursor { get; private set; }
    public IReadOnlyList<CodeLabel> Sectors { get; private set; } = [];
    public List<Row> Rows { get; } = [];
    public List<(string Code, string Name)> Departements { get; } = [];
    public bool Unavailable { get; private set; }
    public List<(string Title, bool Decided, string Detail)> BulkResults { get; } = [];

    /// <summary>The committee's queues (one per département) with their counts and time to decision, from the review API.</summary>
    public sealed record Queue(string Departement, int Pending, int Claimed, int ChangesRequested, int Overdue, int Decided, double? MedianHours, double? P90Hours);
    public List<Queue> Queues { get; } = [];

    /// <summary>Several cases decided at once (the bulk API): one result per case, shown above the list.</summary>
    public async Task<IActionResult> OnPostDeciderAsync(Guid[] cases, string? decision, string? motivation, CancellationToken ct)
    {
        if (cases.Length > 0)
        {
            if (await OnGetAsync(ct) is not PageResult) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
            var titles = Rows.ToDictionary(r => r.Id, r => r.Title); // before the decisions move them out of this list
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["decisions"] = new System.Text.Json.Nodes.JsonArray(cases.Select(id => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                {
                    ["caseId"] = id.ToString(), ["decision"] = decision, ["motivation"] = string.IsNullOrWhiteSpace(motivation) ? null : motivation,
                }).ToArray()),
            };
            using var response = await api.SendAsync(HttpMethod.Post, "api/review/cases/decisions", body, ct);
            if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var result = await OnGetAsync(ct); // the list as it is now
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var errors = answer.TryGetProperty("errors", out var e) ? string.Join(" ", e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(m => m.GetString()))) : "";
                BulkResults.Add(("La sélection", false, ApiProblem.Title(answer.TryGetProperty("title", out var t) ? t.GetString() : null) + " " + errors));
                return result;
            }
            foreach (var item in (answer.ValueKind == JsonValueKind.Array ? answer : answer.GetProperty("results")).EnumerateArray())
            {
                var id = item.GetProperty("caseId").GetGuid();
                var ok = item.GetProperty("status").GetInt32() == 200;
                var detail = ok ? StatusLabel(item.GetProperty("outcome").GetString() ?? "")
                    : item.TryGetProperty("problem", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "refusé" : "refusé";
                BulkResults.Add((titles.GetValueOrDefault(id, id.ToString()), ok, detail));
            }
            return result;
        }
        return await OnGetAsync(ct);
    }

    /// <summary>The filters as the review API's query string (the same for the page and the export).</summary>
    public string ApiQuery(int limit, string? cursor)
    {
        var query = $"api/review/cases?limit={limit}";
        if (Departement is { Length: > 0 }) query += "&departement=" + Uri.EscapeDataString(Departement);
        if (Statut == "overdue") query += "&overdue=true";
        else if (Statut is { Length: > 0 } && Statut != "all") query += "&status=" + Uri.EscapeDataString(Statut);
        if (Filiere is { Length: > 0 }) query += "&sector=" + Uri.EscapeDataString(Filiere);
        if (Jour is { } day) query += $"&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        if (cursor is { Length: > 0 }) query += "&cursor=" + Uri.EscapeDataString(cursor);
        return query;
    }

    /// <summary>This list's filters as a query string of this page (for links: next page, export).</summary>
    public string PageQuery(string? handler = null, string? after = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add("handler=" + handler);
        if (Departement is { Length: > 0 }) parts.Add("departement=" + Uri.EscapeDataString(Departement));
        if (Statut is { Length: > 0 }) parts.Add("statut=" + Uri.EscapeDataString(Statut));
        if (Filiere is { Length: > 0 }) parts.Add("filiere=" + Uri.EscapeDataString(Filiere));
        if (Jour is { } day) parts.Add($"jour={day:yyyy-MM-dd}");
        if (after is not null) parts.Add("apres=" + Uri.EscapeDataString(after));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>One page of cases from the review API, or null when the session has ended.</summary>
    private async Task<(List<Row> Rows, string? Next, bool Ok)?> ReadPageAsync(int limit, string? cursor, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Get, ApiQuery(limit, cursor), null, ct);
        if (response is null) return null;
        if (response.StatusCode != HttpStatusCode.OK) return ([], null, false);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var rows = page.GetProperty("items").EnumerateArray().Select(c =>
        {
            var insee = c.GetProperty("communeInsee").GetString()!;
            return new Row(c.GetProperty("id").GetGuid(), c.GetProperty("title").GetString()!, CommuneDirectory.Instance.Find(insee)?.Name ?? insee,
                c.GetProperty("departement").GetString()!, DateOnly.Parse(c.GetProperty("eventDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                c.GetProperty("receivedAt").GetDateTimeOffset(), c.GetProperty("dueAt").GetDateTimeOffset(), c.GetProperty("overdue").GetBoolean(),
                c.GetProperty("status").GetString()!,
                c.GetProperty("claim") is { ValueKind: JsonValueKind.Object } claim ? claim.GetProperty("by").GetString() : null,
                c.GetProperty("location").GetString()!, c.GetProperty("possibleDuplicate").GetBoolean());
        }).ToList();
        var next = page.TryGetProperty("nextCursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (rows, next, true);
    }

    /// <summary>The filtered list (every page) as CSV, for a spreadsheet: cells escaped against formula injection.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
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
                    CsvText.Cell(StatusLabel(r.Status)), r.ClaimedBy is null ? "non" : "oui", r.Location, r.PossibleDuplicate ? "oui" : "non"]));
            }
            count += page.Rows.Count;
            cursor = page.Next;
        } while (cursor is not null && count < ExportMax);
        return File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"dossiers-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    private const int CasesPageMax = 200;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows.Clear(); // also called after a bulk decision, to show the list as it is now
        Departements.Clear();
        Queues.Clear();
        var region = User.FindFirst("region")?.Value;
        var mine = User.FindAll("departement").Select(d => d.Value).ToList();
        Departements.AddRange((mine.Count > 0 ? mine : FrenchTerritory.Departements.Where(d => region is null || d.RegionCode == region).Select(d => d.Code))
            .Select(code => (code, FrenchTerritory.FindDepartement(code)?.Name ?? code)));
        Sectors = (await catalogue.CurrentEditionAsync(ct))?.Sectors ?? [];

        if (await ReadPageAsync(PageSize, Apres, ct) is not { } page) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        if (!page.Ok) { Unavailable = true; return Page(); }
        Rows.AddRange(page.Rows);
        NextCursor = page.Next;

        using var queues = await api.SendAsync(HttpMethod.Get, "api/review/queues", null, ct);
        if (queues is { StatusCode: HttpStatusCode.OK })
        {
            double? Hours(JsonElement q, string p) => q.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            foreach (var q in (await queues.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray())
            {
                Queues.Add(new Queue(q.GetProperty("departement").GetString()!, q.GetProperty("pending").GetInt32(), q.GetProperty("claimed").GetInt32(),
                    q.GetProperty("changesRequested").GetInt32(), q.GetProperty("overdue").GetInt32(), q.GetProperty("decided").GetInt32(),
                    Hours(q, "medianHoursToDecision"), Hours(q, "p90HoursToDecision")));
            }
            Queues.Sort((a, b) => string.CompareOrdinal(a.Departement, b.Departement));
        }
        return Page();
    }

    public static string StatusLabel(string code) => code switch
    {
        "pending" => "À instruire",
        "changesRequested" => "Modifications demandées",
        "labelled" => "Labellisé",
        "refused" => "Refusé",
        "withdrawn" => "Retiré",
        _ => code,
    };
}
