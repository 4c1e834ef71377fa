using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Session;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// The reviewer's queue: the cases of their committee (the review API decides what they may see), soonest
/// deadline first, filtered by département and status. The start of the workbench.
/// </summary>
[Authorize]
public sealed class DossiersModel(PlatformApi api) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Commune, string Departement, DateOnly EventDay, DateTimeOffset DueAt, bool Overdue, string Status, bool Claimed);

    [BindProperty(SupportsGet = true)] public string? Departement { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; } = "pending";
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
                BulkResults.Add(("La sélection", false, (answer.TryGetProperty("title", out var t) ? t.GetString() : "Refusée") + " " + errors));
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows.Clear(); // also called after a bulk decision, to show the list as it is now
        Departements.Clear();
        Queues.Clear();
        var region = User.FindFirst("region")?.Value;
        var mine = User.FindAll("departement").Select(d => d.Value).ToList();
        Departements.AddRange((mine.Count > 0 ? mine : FrenchTerritory.Departements.Where(d => region is null || d.RegionCode == region).Select(d => d.Code))
            .Select(code => (code, FrenchTerritory.FindDepartement(code)?.Name ?? code)));

        var query = "api/review/cases?limit=100";
        if (Departement is { Length: > 0 }) query += "&departement=" + Uri.EscapeDataString(Departement);
        if (Statut is { Length: > 0 } && Statut != "all") query += "&status=" + Uri.EscapeDataString(Statut);
        using var response = await api.SendAsync(HttpMethod.Get, query, null, ct);
        if (response is null) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fdossiers");
        if (response.StatusCode != HttpStatusCode.OK) { Unavailable = true; return Page(); }
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var c in page.GetProperty("items").EnumerateArray())
        {
            var insee = c.GetProperty("communeInsee").GetString()!;
            Rows.Add(new Row(c.GetProperty("id").GetGuid(), c.GetProperty("title").GetString()!, CommuneDirectory.Instance.Find(insee)?.Name ?? insee,
                c.GetProperty("departement").GetString()!, DateOnly.Parse(c.GetProperty("eventDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                c.GetProperty("dueAt").GetDateTimeOffset(), c.GetProperty("overdue").GetBoolean(), c.GetProperty("status").GetString()!,
                c.GetProperty("claim").ValueKind == JsonValueKind.Object));
        }
        Rows.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));

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
