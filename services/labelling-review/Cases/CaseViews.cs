using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.PreChecks;

namespace SemaineIndustrie.LabellingReview.Cases;

public static class CaseViews
{

    public static CaseSummary Summary(ReviewCase c, VenueLocationStatus? location, DateTimeOffset now) => new(
        c.Id, c.SubmissionId, c.SubmissionVersion, c.Title, c.CommuneInsee, c.Departement, c.Region, c.Status, Claim(c, now),
        c.EventDay, c.VersionReceivedAt, c.DueAt, c.IsOverdue(now), location?.Status ?? LocationStatus.Unknown, c.PossibleDuplicates.Length > 0);

    /// <summary>The case as a reviewer reads it; <paramref name="people"/> names the subjects who hold, noted or decided it.</summary>
    public static CaseDetail Detail(ReviewCase c, VenueLocationStatus? location, IEnumerable<CaseNote> notes, IReadOnlyDictionary<string, string> people, DateTimeOffset now) => new(
        c.Id, c.SubmissionId, c.SubmissionVersion, c.Region, c.Departement, c.Status, Claim(c, now),
        c.DecidedAt is { } at ? new DecisionView(c.Status, at, c.DecidedBy!, c.DecisionMessage) : null,
        c.FirstReceivedAt, c.VersionReceivedAt, c.DueAt, c.IsOverdue(now), location?.Status ?? LocationStatus.Unknown,
        [.. PreCheckRules.Read(c.PreChecks), PreCheckRules.Duplicates(c.PossibleDuplicates), PreCheckRules.Location(location)], c.PossibleDuplicates,
        JsonSerializer.Deserialize<EventDetails>(c.Details, ContractJson.Options)!,
        notes.OrderBy(n => n.At).Select(n => new NoteView(n.Id, n.Author, n.Text, n.SubmissionVersion, n.At)).ToList(), people);

    private static ClaimView? Claim(ReviewCase c, DateTimeOffset now) => c.IsClaimed(now) ? new ClaimView(c.ClaimedBy!, c.ClaimExpiresAt!.Value) : null;
}
