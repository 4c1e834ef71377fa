using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;
using SemaineIndustrie.Web.Catalogue;
using SemaineIndustrie.Web.Api;
using SemaineIndustrie.Web.Workbench;
using SemaineIndustrie.Contracts.Review;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// How the week is coming together (the review API's statistics, in the reader's scope: France for the
/// DGE, a région for its committee): per région, per committee queue, per sector — as charts (DSFR Chart)
/// with the same numbers in tables, and as CSV.
/// </summary>
[Authorize]
public sealed class TableauDeBordModel(ReviewClient review, CatalogueClient catalogue) : PageModel
{
    public sealed record RegionRow(string Code, string Name, int Received, int Pending, int Claimed, int ChangesRequested, int Labelled, int Refused,
        int Withdrawn, int Overdue, double? Median, double? P90);
    public sealed record QueueRow(string Region, string Departement, string Name, int Received, int Pending, int Claimed, int ChangesRequested, int Decided,
        int Overdue, double? Median, double? P90);
    public sealed record SectorRow(string Code, string Label, int Received, int Labelled);

    public List<RegionRow> Regions { get; } = [];
    public List<QueueRow> Queues { get; } = [];
    public List<SectorRow> Sectors { get; } = [];
    public DateTimeOffset? At { get; private set; }
    public bool Unavailable { get; private set; }
    /// <summary>The API refused this person (an organiser): the page says so, with 403.</summary>
    public bool Refused { get; private set; }
    /// <summary>The edition shown (<c>?annee=</c>), the current one by default.</summary>
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    public EditionChoice Edition { get; private set; } = EditionChoice.None;
    /// <summary>This edition against the previous one at the same number of days before the week, per région (null: no previous edition).</summary>
    public YearOverYear? Comparison { get; private set; }
    /// <summary>Cases overdue by two working days or more in the reader's scope, the latest first (page only).</summary>
    public List<EscalatedCase> Escalations { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } other) return other;
        // The comparison is for the page only (the CSV carries this edition's tables).
        if (Edition.Year is { } year && !Refused && !Unavailable && (await review.YearOverYearAsync(year, ct)).Value is { Previous: not null } comparison)
            Comparison = comparison;
        if (!Refused && !Unavailable) Escalations.AddRange((await review.EscalationsAsync(Edition.Year, ct)).Value ?? []);
        return Page();
    }

    /// <summary>The three tables in one CSV (a "table" column says which), cells escaped for spreadsheets.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } other) return other;
        if (Refused) return StatusCode(StatusCodes.Status403Forbidden);
        if (Unavailable) return StatusCode(StatusCodes.Status503ServiceUnavailable);
        static string N(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        var csv = new StringBuilder(CsvText.Header(["tableau", "region", "departement", "filiere", "nom", "recus", "a_instruire", "pris", "modifications_demandees",
            "labellises", "refuses", "decides", "retires", "en_retard", "delai_median_h", "delai_p90_h"]));
        foreach (var r in Regions)
            csv.Append(CsvText.Row(["region", r.Code, "", "", CsvText.Cell(r.Name), I(r.Received), I(r.Pending), I(r.Claimed), I(r.ChangesRequested),
                I(r.Labelled), I(r.Refused), I(r.Labelled + r.Refused), I(r.Withdrawn), I(r.Overdue), N(r.Median), N(r.P90)]));
        foreach (var q in Queues)
            csv.Append(CsvText.Row(["comite", q.Region, q.Departement, "", CsvText.Cell(q.Name), I(q.Received), I(q.Pending), I(q.Claimed), I(q.ChangesRequested),
                "", "", I(q.Decided), "", I(q.Overdue), N(q.Median), N(q.P90)]));
        foreach (var s in Sectors)
            csv.Append(CsvText.Row(["filiere", "", "", CsvText.Cell(s.Code), CsvText.Cell(s.Label), I(s.Received), "", "", "", I(s.Labelled), "", "", "", "", "", ""]));
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"tableau-de-bord-{Edition.Year}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Edition = await EditionChoice.ForAsync(catalogue, Annee, ct);
        var answer = await review.StatisticsAsync(Edition.Year, ct);
        if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Ftableau-de-bord");
        if (answer.Status == HttpStatusCode.Forbidden) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return null; }
        if (answer.Value is not { } statistics) { Unavailable = true; return null; }
        At = statistics.At;
        Regions.AddRange(statistics.Regions.Select(r => new RegionRow(r.Region, FrenchTerritory.FindRegion(r.Region)?.Name ?? r.Region, r.Received, r.Pending,
            r.Claimed, r.ChangesRequested, r.Labelled, r.Refused, r.Withdrawn, r.Overdue, r.MedianHoursToDecision, r.P90HoursToDecision)));
        Queues.AddRange(statistics.Queues.Select(q => new QueueRow(q.Region, q.Departement, FrenchTerritory.FindDepartement(q.Departement)?.Name ?? q.Departement,
            q.Received, q.Pending, q.Claimed, q.ChangesRequested, q.Decided, q.Overdue, q.MedianHoursToDecision, q.P90HoursToDecision)));
        var labels = ((Edition.Chosen ?? Edition.Current)?.Sectors ?? []).ToDictionary(s => s.Code, s => s.Label);
        Sectors.AddRange(statistics.Sectors.Select(s => new SectorRow(s.Sector, labels.GetValueOrDefault(s.Sector, s.Sector), s.Received, s.Labelled))
            .OrderByDescending(s => s.Received));
        return null;
    }

    /// <summary>A list as the JSON a DSFR chart attribute takes.</summary>
    public static string Json<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);
}
