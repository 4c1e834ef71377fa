using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Contracts.Editions;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Create (no year in the address) or change an edition. Lists are written one item per line, parts separated by "|";
/// window instants are Paris time. The editions API judges; field errors come back beside their field.
/// </summary>
[Authorize]
public sealed class EditionFicheModel(EditionsClient editions) : PageModel
{
    [FromRoute] public int? Annee { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? FirstDay { get; set; }
    [BindProperty] public string? LastDay { get; set; }
    [BindProperty] public string? SubmissionsOpen { get; set; }
    [BindProperty] public string? SubmissionsClose { get; set; }
    [BindProperty] public string? Sectors { get; set; }
    [BindProperty] public string? Audiences { get; set; }
    [BindProperty] public string? FocusTags { get; set; }
    [BindProperty] public string? Kit { get; set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string? Error { get; private set; }
    public bool Refused { get; private set; }
    public bool Creating => Annee is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var read = await editions.AdminAsync(ct);
        if (read.NeedsSignIn) return LocalRedirect("/session/connexion?retour=" + Uri.EscapeDataString(Request.Path));
        if (read.Value is not { } view) { Refused = true; Response.StatusCode = StatusCodes.Status403Forbidden; return Page(); }
        if (Creating) return Page();
        if (view.Editions.FirstOrDefault(e => e.Year == Annee) is not { } edition) return NotFound();
        Fill(edition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = Read();
        if (request is null) return Page();
        var saved = Creating ? await editions.CreateAsync(request, ct) : await editions.ChangeAsync(Annee!.Value, request, ct);
        if (saved.NeedsSignIn) return LocalRedirect("/session/connexion?retour=" + Uri.EscapeDataString(Request.Path));
        if (saved.Succeeded) return LocalRedirect("/mon-espace/editions?fait=" + (Creating ? "creee" : "modifiee"));
        foreach (var (field, message) in saved.Problem?.FieldErrors() ?? []) Errors[field] = message;
        Error = ApiProblem.Title(saved.Problem?.Title);
        if (Errors.Count == 0) Error = saved.Describe();
        Response.StatusCode = (int)saved.Status;
        return Page();
    }

    private void Fill(Edition e)
    {
        (Year, Number, Name, Theme) = (e.Year.ToString(CultureInfo.InvariantCulture), e.Number.ToString(CultureInfo.InvariantCulture), e.Name, e.Theme);
        (FirstDay, LastDay) = (e.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        (SubmissionsOpen, SubmissionsClose) = (ParisTime.Format(e.SubmissionsOpen, "yyyy-MM-ddTHH:mm"), ParisTime.Format(e.SubmissionsClose, "yyyy-MM-ddTHH:mm"));
        Sectors = string.Join("\n", e.Sectors.Select(s => $"{s.Code} | {s.Label}"));
        Audiences = string.Join("\n", e.Audiences.Select(a => $"{a.Code} | {a.Label}" + (a.OpenToPublic ? " | public" : "")));
        FocusTags = string.Join("\n", e.FocusTags.Select(t => $"{t.Code} | {t.Label}"));
        Kit = string.Join("\n", e.Kit.Select(k => $"{k.Title} | {k.Url}"));
    }

    /// <summary>The form as the API's request; what cannot be read at all (a year that is not a number) is said here.</summary>
    private EditionRequest? Read()
    {
        int Int(string field, string? text) { if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n; Errors[field] = "Un nombre."; return 0; }
        DateOnly Day(string field, string? text) { if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d; Errors[field] = "Une date (jj/mm/aaaa)."; return default; }
        DateTimeOffset Instant(string field, string? text) { if (ParisTime.TryParse(text, out var t, out _)) return t; Errors[field] = "Une date et une heure (heure de Paris)."; return default; }
        static List<string[]> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();

        var request = new EditionRequest(Creating ? Int("year", Year) : Annee!.Value, Int("number", Number), Name ?? "", Theme ?? "",
            Day("firstDay", FirstDay), Day("lastDay", LastDay), Instant("submissionsOpen", SubmissionsOpen), Instant("submissionsClose", SubmissionsClose),
            Lines(Sectors).Select(p => new CodeLabel(p[0], p.ElementAtOrDefault(1) ?? "")).ToList(),
            Lines(Audiences).Select(p => new Audience(p[0], p.ElementAtOrDefault(1) ?? "", string.Equals(p.ElementAtOrDefault(2), "public", StringComparison.OrdinalIgnoreCase))).ToList(),
            Lines(FocusTags).Select(p => new FocusTag(p[0], p.ElementAtOrDefault(1) ?? "")).ToList(),
            Lines(Kit).Select(p => new KitItem(p[0], p.ElementAtOrDefault(1) ?? "")).ToList());
        if (Errors.Count == 0) return request;
        Error = "Edition.Rejected";
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return null;
    }
}
