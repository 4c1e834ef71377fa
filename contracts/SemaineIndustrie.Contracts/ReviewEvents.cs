namespace SemaineIndustrie.Contracts;

/// <summary>
/// A submission version entered the review queue of its (région, département); <see cref="DueAt"/> is the
/// committee's deadline for it (absent in messages published before it was added).
/// </summary>
public sealed record ReviewCaseOpened(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid CaseId,
    string Region,
    string Departement,
    DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt = null) : IOncePerVersion;

/// <summary>
/// A message on a demand, between its organisation and the committee reviewing it (<see cref="From"/>: "organiser" or
/// "committee"); never published. Whom to tell: the organisation's members for a committee message; for an organiser's,
/// the committee members who <see cref="Followers"/> the case (hold it, wrote on it, decided it), else the département's
/// whole committee.
/// </summary>
public sealed record ConversationMessagePosted(
    Guid SubmissionId, Guid CaseId, Guid MessageId, string From, string AuthorName, string Text,
    string OrganisationId, string Title, string Region, string Departement, IReadOnlyList<string> Followers, DateTimeOffset At);

/// <summary>
/// A committee member handed a case to a colleague (<see cref="AssignedTo"/>, a subject), whose claim now holds it until
/// <see cref="Until"/>; the notification service tells them. Never published outside the platform.
/// </summary>
public sealed record CaseAssigned(
    Guid CaseId, Guid SubmissionId, int SubmissionVersion, string Title, string Region, string Departement,
    string AssignedTo, string AssignedBy, string? AssignedByName, DateTimeOffset DueAt, DateTimeOffset Until, DateTimeOffset At);

/// <summary>
/// A pending case stayed overdue: by <see cref="WorkingDaysLate"/> working days of its département, <see cref="Level"/> "region"
/// from 2 (the région's administrators are mailed), "national" from 5 (the national team's dashboard lists it). Published
/// once per case and level.
/// </summary>
public sealed record CaseEscalated(
    Guid CaseId, Guid SubmissionId, string Title, string Region, string Departement, string Level, int WorkingDaysLate,
    DateTimeOffset DueAt, string? HeldBy, DateTimeOffset At)
{
    /// <summary>The levels, as <see cref="Level"/> (and the workbench's escalation list) name them.</summary>
    public const string Regional = "region", National = "national";
}
