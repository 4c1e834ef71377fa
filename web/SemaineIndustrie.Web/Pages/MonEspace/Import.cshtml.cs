using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SemaineIndustrie.Web.Organiser;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pages.MonEspace;

/// <summary>
/// Importing an organisation's events from a CSV file: the file is read, every line is checked by the
/// submission API without storing anything (batch dry run), the page shows line by line what is wrong;
/// then the valid lines are sent in one batch, each idempotent by its key (importing the same file twice
/// creates nothing twice).
/// </summary>
[Authorize]
[RequestSizeLimit(MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(SubmissionsClient submissions, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxFileBytes = 2 * 1024 * 1024;

    /// <param name="Outcome">to-send, not-sent, sent, already-sent or to-correct (its words: "Import.Outcome.{outcome}").</param>
    public sealed record LineResult(int Number, string Key, string Title, string Outcome, IReadOnlyList<(string Column, string Message)> Errors);

    [BindProperty] public string? Contenu { get; set; }
    public string? FileError { get; private set; }
    public List<LineResult> Lines { get; } = [];
    public bool Checked { get; private set; }
    public bool Sent { get; private set; }
    public int Valid => Lines.Count(l => l.Errors.Count == 0);
    public bool IsOrganiser => User.FindFirst("role")?.Value == "organiser" && User.FindFirst("org") is not null;

    public void OnGet() { }

    public IActionResult OnGetModele() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CsvImport.Template())).ToArray(), "text/csv; charset=utf-8", "modele-import-evenements.csv");

    public async Task<IActionResult> OnPostVerifierAsync(IFormFile? fichier, CancellationToken ct)
    {
        if (fichier is null || fichier.Length == 0) { FileError = T["Import.ChooseFile"]; return Page(); }
        if (fichier.Length > MaxFileBytes) { FileError = T["Import.TooBig"]; return Page(); }
        using var reader = new StreamReader(fichier.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Contenu = await reader.ReadToEndAsync(ct);
        return await RunAsync(dryRun: true, ct);
    }

    public Task<IActionResult> OnPostEnvoyerAsync(CancellationToken ct) => RunAsync(dryRun: false, ct);

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        var (fileError, lines) = CsvImport.Read(Contenu ?? "", T);
        if (fileError is not null) { FileError = fileError; return Page(); }
        var sendable = lines.Where(l => l.Submission is not null).ToList();
        var results = new Dictionary<string, BatchItemResult>();
        if (sendable.Count > 0)
        {
            var answer = await submissions.BatchAsync(new BatchRequest(sendable.Select(l => (BatchItem?)new BatchItem(l.Key, l.Submission)).ToList()), dryRun, ct);
            if (answer.NeedsSignIn) return LocalRedirect("/session/connexion?retour=%2Fmon-espace%2Fimport");
            if (answer.Value is not { } batch)
            {
                // The batch as a whole was refused (e.g. a key twice): say which lines.
                FileError = T["Import.Refused", answer.Problem?.Errors is { Count: > 0 } errors
                    ? string.Join(" ; ", errors.Select(p => Describe(p.Key, sendable) + " — " + string.Join(" ", p.Value)))
                    : answer.Describe()];
                return Page();
            }
            foreach (var result in batch.Results) results[result.Key] = result;
        }

        foreach (var line in lines)
        {
            var errors = line.Errors.Select(e => (e.Key, e.Value)).ToList();
            var outcome = dryRun ? "to-send" : "not-sent";
            if (results.TryGetValue(line.Key, out var result))
            {
                outcome = result.Status == 201 ? (result.Replayed ? "already-sent" : dryRun ? "to-send" : "sent") : "to-correct";
                errors.AddRange((result.Errors ?? new Dictionary<string, string[]>()).SelectMany(p => p.Value.Select(m => (CsvImport.ColumnOf(p.Key), m))));
            }
            if (errors.Count > 0) outcome = "to-correct";
            Lines.Add(new LineResult(line.Number, line.Key, line.Title, outcome, errors));
        }
        Checked = dryRun;
        Sent = !dryRun;
        return Page();
    }

    private string Describe(string path, List<CsvImport.Line> sent)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^items\[(\d+)\]");
        return match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < sent.Count
            ? T["Import.LineNumber", sent[i].Number] : path;
    }
}
