using System.Text.Json;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.PreChecks;

namespace SemaineIndustrie.LabellingReview.Cases;

public sealed record ClaimView(string By, DateTimeOffset Until);

public sealed record DecisionView(CaseStatus Outcome, DateTimeOffset At, string By, string? Message);

public sealed record CaseSummary(
    Guid Id, Guid SubmissionId, int SubmissionVersion, string Title, string CommuneInsee, string Departement, string Region,
    CaseStatus Status, ClaimView? Claim, DateOnly EventDay, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue,
    LocationStatus Location, bool PossibleDuplicate);

public sealed record CaseDetail(
    Guid Id, Guid SubmissionId, int SubmissionVersion, string Region, string Departement,
    CaseStatus Status, ClaimView? Claim, DecisionView? Decision,
    DateTimeOffset FirstReceivedAt, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue,
    LocationStatus Location, IReadOnlyList<PreCheck> PreChecks, IReadOnlyList<Guid> PossibleDuplicates,
    EventDetails Event, IReadOnlyList<NoteView> Notes, IReadOnlyDictionary<string, string> People);

/// <summary>One line of a case's audit trail, as reviewers read it.</summary>
public sealed record AuditEntryView(DateTimeOffset At, string Actor, string Action, int SubmissionVersion, string? Detail, string? ActorName = null);

public sealed record NoteView(Guid Id, string Author, string Text, int SubmissionVersion, DateTimeOffset At);

public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? NextCursor);

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
