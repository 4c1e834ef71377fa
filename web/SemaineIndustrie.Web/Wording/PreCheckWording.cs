using System.Globalization;
using Microsoft.Extensions.Localization;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Contracts.Review;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.Contracts.Editions;

namespace SemaineIndustrie.Web.Wording;

/// <summary>
/// The review API's pre-checks (code + outcome) said in the page's language for the committee ("Check.*" resources), from the
/// case's own event (dates, audiences, sectors, edition) and the edition's labels. The outcome stays the API's; only the words
/// are the page's (the API's detail is English, for API clients).
/// </summary>
public static class PreCheckWording
{
    public static string Label(IStringLocalizer T, string code) => T[$"Check.{code}"] is { ResourceNotFound: false } label ? label.Value : code;

    public static string Detail(IStringLocalizer T, PreCheck check, EventDetails e, Edition? edition, int duplicates, bool placedByHand)
    {
        string Labels(IReadOnlyList<string> codes, IEnumerable<(string Code, string Label)>? labels) =>
            string.Join(", ", codes.Select(c => labels?.FirstOrDefault(l => l.Code == c).Label ?? c));
        string Day(DateTimeOffset at) => T.Paris(at, "Cases.Date");
        string Date(DateOnly day) => day.ToString(T["Cases.Date"], CultureInfo.CurrentUICulture);
        var pass = check.Outcome == CheckOutcome.Pass;
        switch (check.Code)
        {
            case "free-of-charge": return T[pass ? "Check.Free" : "Check.Paying"];
            case "within-edition":
                return T["Check.Dates", Day(e.StartsAt), Day(e.EndsAt), e.Edition.Year, Date(e.Edition.FirstDay), Date(e.Edition.LastDay)];
            case "open-to-public": return T[pass ? "Check.Audiences" : "Check.NoOpenAudience", Labels(e.Audiences, edition?.Audiences.Select(a => (a.Code, a.Label)))];
            case "about-industry": return pass ? T["Check.Sectors", Labels(e.Sectors, edition?.Sectors.Select(a => (a.Code, a.Label)))] : T["Check.NoSector"];
            case "likely-duplicate": return pass ? T["Check.NoDuplicate"] : T["Check.Duplicates", duplicates];
            case "venue-located":
                return check.Outcome switch
                {
                    CheckOutcome.Pass => T[placedByHand ? "Check.PlacedByHand" : "Check.LocatedFromAddress"],
                    CheckOutcome.Fail => T["Check.NotLocated"],
                    _ => T["Check.Locating"],
                };
            default: return "";
        }
    }
}
