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
    DateTimeOffset? DueAt = null) : ISubmissionEvent;

/// <summary>
/// A message on a demand, between its organisation and the committee reviewing it (<see cref="From"/>: "organiser" or
/// "committee"); never published. Whom to tell: the organisation's members for a committee message; for an organiser's,
/// the committee members who <see cref="Followers"/> the case (hold it, wrote on it, decided it), else the département's
/// whole committee.
/// </summary>
public sealed record ConversationMessagePosted(
    Guid SubmissionId, Guid CaseId, Guid MessageId, string From, string AuthorName, string Text,
    string OrganisationId, string Title, string Region, string Departement, IReadOnlyList<string> Followers, DateTimeOffset At);
