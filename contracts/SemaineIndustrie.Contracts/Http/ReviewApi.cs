namespace SemaineIndustrie.Contracts.Review;

// What the labelling-review API (/api/review) reads and answers: one definition, used by the service to answer
// and by the web front-end to read (a renamed field fails the build, not a page at run time).

public enum CaseStatus
{
    Pending,
    ChangesRequested,
    Labelled,
    Refused,
    Withdrawn,
}

public enum LocationStatus
{
    Unknown,
    Located,
    Unlocated,
    Corrected,
}

public enum CheckOutcome
{
    Pass,
    Fail,
    Pending,
}

/// <summary>One automatic check shown on a case. Checks inform; the reviewer decides.</summary>
public sealed record PreCheck(string Code, CheckOutcome Outcome, string Detail);

public sealed record ClaimView(string By, DateTimeOffset Until);

public sealed record DecisionView(CaseStatus Outcome, DateTimeOffset At, string By, string? Message);

public sealed record CaseSummary(
    Guid Id, Guid SubmissionId, int SubmissionVersion, string Title, string CommuneInsee, string Departement, string Region,
    CaseStatus Status, ClaimView? Claim, DateOnly EventDay, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Overdue,
    LocationStatus Location, bool PossibleDuplicate);

/// <summary>A case as its page shows it; <see cref="People"/> names the subjects who hold, noted or decided it.</summary>
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

public sealed record NoteRequest(string? Text);

/// <summary><c>decision</c>: label | refuse | request_changes. <c>version</c>, when given, must be the version on the case.</summary>
public sealed record DecisionRequest(string? Decision, string? Motivation, int? Version = null);

public sealed record BulkDecisionItem(Guid? CaseId, string? Decision, string? Motivation, int? Version = null);

public sealed record BulkDecisionRequest(IReadOnlyList<BulkDecisionItem>? Decisions);

public sealed record BulkDecisionResult(Guid CaseId, int Status, string? Outcome, string? Problem, DateTimeOffset? DecidedAt = null);

public sealed record MotivationTemplateView(Guid Id, string Region, string Title, string Text, DateTimeOffset CreatedAt);

public sealed record MotivationTemplateRequest(string? Title, string? Text, string? Region);

/// <summary>
/// One (région, département) queue: what waits (pending and unclaimed, claimed), what waits for the
/// organiser (changes requested), what is decided, what is late; and how fast the committee decides.
/// </summary>
public sealed record QueueView(
    string Region, string Departement, int Pending, int Claimed, int ChangesRequested, int Decided, int Withdrawn, int Overdue,
    int Received, double? MedianHoursToDecision, double? P90HoursToDecision);

/// <summary>A région's totals: its queues added up, its decision times computed over all its decisions.</summary>
public sealed record RegionStatistics(
    string Region, int Received, int Pending, int Claimed, int ChangesRequested, int Labelled, int Refused, int Withdrawn, int Overdue,
    double? MedianHoursToDecision, double? P90HoursToDecision);

/// <summary>Cases per sector (an event counts in each of its sectors).</summary>
public sealed record SectorStatistics(string Sector, int Received, int Labelled);

/// <summary>The figures of one edition (<see cref="Edition"/>; null: every case, no edition known yet to the review service).</summary>
public sealed record ReviewStatistics(
    DateTimeOffset At, IReadOnlyList<RegionStatistics> Regions, IReadOnlyList<QueueView> Queues, IReadOnlyList<SectorStatistics> Sectors, int? Edition);

/// <summary>
/// An edition's figures as they stood at an instant (from the cases' audit trails): demands received by then, cases whose
/// standing decision then was a label or a refusal, and the median hours from a version's receipt to its decision, over
/// the decisions made by then.
/// </summary>
public sealed record EditionProgress(int Received, int Labelled, int Refused, double? MedianHoursToDecision);

/// <summary>A région's figures for the edition and for the previous one at the same number of days before its week.</summary>
public sealed record RegionComparison(string Region, EditionProgress Edition, EditionProgress? Previous);

/// <summary>
/// Year over year (GET /api/review/statistics/year-over-year?edition=): the edition now (<see cref="At"/>,
/// <see cref="DaysBeforeWeek"/> days before its week starts; negative once it has started) against the previous edition
/// at the same number of days before its own week (<see cref="PreviousAt"/>), in the caller's scope.
/// </summary>
public sealed record YearOverYear(
    int Edition, int? Previous, int DaysBeforeWeek, DateTimeOffset At, DateTimeOffset? PreviousAt,
    EditionProgress Total, EditionProgress? PreviousTotal, IReadOnlyList<RegionComparison> Regions);

/// <summary>A message to post on a demand's conversation: plain text, 1 to 5,000 characters.</summary>
public sealed record MessageRequest(string? Text);

/// <summary>
/// One message of a demand's conversation. <see cref="From"/>: "organiser" or "committee"; <see cref="ReadAt"/>: when the
/// other side first read it (null: not yet).
/// </summary>
public sealed record MessageView(Guid Id, string From, string AuthorName, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);

/// <summary>One demand's conversation as its organisation's list shows it: how many messages, how many the committee sent that are unread.</summary>
public sealed record ConversationSummary(Guid SubmissionId, int Messages, int Unread, DateTimeOffset LastAt);

/// <summary>A workbench list's filters to keep under a name: <see cref="Query"/> is the page's query string (annee, departement, statut, filiere, jour, q).</summary>
public sealed record SavedViewRequest(string? Name, string? Query);

public sealed record SavedViewView(Guid Id, string Name, string Query, DateTimeOffset SavedAt);

/// <summary>
/// What one committee member holds in the reviewer's scope: cases claimed now, how many of them are overdue, the soonest
/// deadline among them. <see cref="Name"/>: the name they go by, when known.
/// </summary>
public sealed record ReviewerLoad(string Reviewer, string? Name, int Held, int Overdue, DateTimeOffset? NextDueAt);

/// <summary>The committee's load: one line per member holding cases, most held first; and the pending cases nobody holds.</summary>
public sealed record CommitteeWorkload(IReadOnlyList<ReviewerLoad> Reviewers, int Unclaimed, int UnclaimedOverdue);

/// <summary>Handing a case to a colleague of the committee: <c>to</c> is their subject (one of the case's <see cref="Assignee"/>s).</summary>
public sealed record AssignRequest(string? To);

/// <summary>A committee member who may take a case, with what they hold now in the same queue.</summary>
public sealed record Assignee(string Subject, string Name, int Held);

/// <summary>Covering an absent member: <c>to</c> null releases their claims for anyone to take; <c>"me"</c> hands them over to the caller.</summary>
public sealed record CoverRequest(string? To);

/// <summary>How many of the absent member's claims (in the caller's scope) were released or handed over.</summary>
public sealed record CoverResult(string Reviewer, int Cases, string? To);

/// <summary>
/// A pending case past its deadline by <see cref="WorkingDaysLate"/> working days (the département's): <see cref="Level"/> "region"
/// from 2 (the région's administrators see it), "national" from 5 (the national team too).
/// </summary>
public sealed record EscalatedCase(Guid CaseId, string Title, string Region, string Departement, DateTimeOffset DueAt, int WorkingDaysLate, string Level, string? ClaimedBy);
