using System.Text.RegularExpressions;
using SemaineIndustrie.ServiceDefaults.Time;

namespace SemaineIndustrie.Submission.Editions;

/// <summary>
/// What makes an edition acceptable, each refusal naming its field: a week of at most two weeks inside its year, a
/// submission window that opens before it closes and closes before the week starts, no week overlapping another
/// edition's, codes that are codes and unique, a public audience, and — once submissions use them — sector and audience
/// codes that stay (their labels may change).
/// </summary>
public static partial class EditionRules
{
    public const int TextMax = 200;
    public const int MaxWeekDays = 14;

    public static Dictionary<string, string[]> Validate(EditionRequest r, IEnumerable<Edition> others, IReadOnlySet<string> usedSectors, IReadOnlySet<string> usedAudiences,
        IReadOnlySet<string> usedFocusTags)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (r.Year is < 2000 or > 2100) Add("year", "A year between 2000 and 2100.");
        if (r.Number is < 1 or > 200) Add("number", "The edition's number, between 1 and 200.");
        Text("name", r.Name);
        Text("theme", r.Theme);
        if (r.FirstDay.Year != r.Year) Add("firstDay", $"The week starts in {r.Year}, the edition's year.");
        if (r.LastDay < r.FirstDay) Add("lastDay", "The week ends on or after its first day.");
        else if (r.LastDay.DayNumber - r.FirstDay.DayNumber >= MaxWeekDays) Add("lastDay", $"The week lasts at most {MaxWeekDays} days.");
        if (r.SubmissionsClose <= r.SubmissionsOpen) Add("submissionsClose", "The window closes after it opens.");
        else if (r.SubmissionsClose >= ParisTime.StartOf(r.FirstDay)) Add("submissionsClose", $"The window closes before the week starts ({r.FirstDay:dd/MM/yyyy}, Paris time).");

        Codes("sectors", (r.Sectors ?? []).Select(s => (s.Code, s.Label)).ToList(), required: true);
        Codes("audiences", (r.Audiences ?? []).Select(a => (a.Code, a.Label)).ToList(), required: true);
        if (r.Audiences is { Count: > 0 } && !r.Audiences.Any(a => a.OpenToPublic)) Add("audiences", "At least one audience is open to the public (the label's rule).");
        Codes("focusTags", (r.FocusTags ?? []).Select(t => (t.Code, t.Label)).ToList(), required: false);
        foreach (var (item, i) in (r.Kit ?? []).Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(item.Title) || item.Title.Length > TextMax) Add($"kit[{i}].title", $"A title of 1 to {TextMax} characters.");
            if (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")) Add($"kit[{i}].url", "An absolute http(s) address.");
        }

        foreach (var code in usedSectors.Where(c => r.Sectors?.Any(s => s.Code == c) != true).Order())
            Add("sectors", $"'{code}' is used by submissions of {r.Year}: it can be renamed, not removed.");
        foreach (var code in usedAudiences.Where(c => r.Audiences?.Any(a => a.Code == c) != true).Order())
            Add("audiences", $"'{code}' is used by submissions of {r.Year}: it can be renamed, not removed.");
        foreach (var code in usedFocusTags.Where(c => r.FocusTags?.Any(f => f.Code == c) != true).Order())
            Add("focusTags", $"'{code}' is used by submissions of {r.Year}: it can be renamed, not removed.");

        foreach (var other in others.Where(o => o.Year != r.Year && o.FirstDay <= r.LastDay && r.FirstDay <= o.LastDay))
            Add("firstDay", $"The week overlaps the {other.Year} edition's ({other.FirstDay:dd/MM/yyyy} – {other.LastDay:dd/MM/yyyy}).");

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        void Text(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > TextMax) Add(field, $"1 to {TextMax} characters.");
        }

        void Codes(string field, IReadOnlyList<(string Code, string Label)> items, bool required)
        {
            if (required && items.Count == 0) Add(field, "At least one.");
            foreach (var (code, label) in items)
            {
                if (code is null || !CodePattern().IsMatch(code)) Add(field, $"'{code}': a code of lower-case letters, digits and hyphens (up to 40).");
                if (string.IsNullOrWhiteSpace(label) || label.Length > TextMax) Add(field, $"'{code}': a label of 1 to {TextMax} characters.");
            }
            foreach (var twice in items.GroupBy(i => i.Code).Where(g => g.Count() > 1)) Add(field, $"'{twice.Key}' appears twice.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex CodePattern();
}
