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
