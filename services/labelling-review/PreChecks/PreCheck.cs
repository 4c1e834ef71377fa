using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.LabellingReview.PreChecks;

public static class PreCheckRules
{
    public const string FreeOfCharge = "free-of-charge", WithinEdition = "within-edition", OpenToPublic = "open-to-public",
        AboutIndustry = "about-industry", LikelyDuplicate = "likely-duplicate", VenueLocated = "venue-located";


    /// <summary>The four labelling conditions, checked again on every version against the edition it names.</summary>
    public static List<PreCheck> Conditions(EventDetails e)
    {
        var start = DateOnly.FromDateTime(e.StartsAt.DateTime);
        var end = DateOnly.FromDateTime(e.EndsAt.DateTime);
        var edition = e.Edition;
        var publicAudiences = e.Audiences.Intersect(edition.PublicAudiences).ToList();
        return
        [
            new(FreeOfCharge, e.FreeOfCharge ? CheckOutcome.Pass : CheckOutcome.Fail, e.FreeOfCharge ? "Free of charge." : "Not free of charge."),
            new(WithinEdition, start >= edition.FirstDay && end <= edition.LastDay ? CheckOutcome.Pass : CheckOutcome.Fail,
                $"{start:dd/MM/yyyy}–{end:dd/MM/yyyy}; edition {edition.Year}: {edition.FirstDay:dd/MM/yyyy}–{edition.LastDay:dd/MM/yyyy}."),
            new(OpenToPublic, publicAudiences.Count > 0 ? CheckOutcome.Pass : CheckOutcome.Fail,
                publicAudiences.Count > 0 ? $"Open to: {string.Join(", ", publicAudiences)}." : $"No public audience among: {string.Join(", ", e.Audiences)}."),
            new(AboutIndustry, e.Sectors.Count > 0 ? CheckOutcome.Pass : CheckOutcome.Fail,
                e.Sectors.Count > 0 ? $"Sectors: {string.Join(", ", e.Sectors)}." : "No industrial sector."),
        ];
    }

    public static PreCheck Duplicates(IReadOnlyCollection<Guid> others) => others.Count == 0
        ? new(LikelyDuplicate, CheckOutcome.Pass, "No similar event by this organiser in this commune on this day.")
        : new(LikelyDuplicate, CheckOutcome.Fail, $"Similar to case(s) {string.Join(", ", others)}: same organiser, commune and day, similar title.");

    public static PreCheck Location(VenueLocationStatus? location) => location?.Status switch
    {
        LocationStatus.Located => new(VenueLocated, CheckOutcome.Pass, "Venue located."),
        LocationStatus.Corrected => new(VenueLocated, CheckOutcome.Pass, "Venue placed by a reviewer."),
        LocationStatus.Unlocated => new(VenueLocated, CheckOutcome.Fail, location.Detail ?? "The venue could not be located."),
        _ => new(VenueLocated, CheckOutcome.Pending, "Geocoding in progress."),
    };

    public static string Write(List<PreCheck> checks) => JsonSerializer.Serialize(checks, ContractJson.Options);

    public static List<PreCheck> Read(string json) => JsonSerializer.Deserialize<List<PreCheck>>(json, ContractJson.Options) ?? [];

    /// <summary>
    /// Likely the same event: titles sharing most of their meaningful words (accents, case and short
    /// words ignored), or one title containing the other.
    /// </summary>
    public static bool SimilarTitles(string a, string b)
    {
        var x = Words(a);
        var y = Words(b);
        if (x.Count == 0 || y.Count == 0) return false;
        if (x.IsSubsetOf(y) || y.IsSubsetOf(x)) return true;
        return (double)x.Intersect(y).Count() / x.Union(y).Count() >= 0.5;
    }

    private static HashSet<string> Words(string title) =>
        CommuneNames.Normalise(title).Split(' ').Where(w => w.Length > 2).ToHashSet();
}
