namespace SemaineIndustrie.Contracts;

/// <summary>A submission version entered the review queue of its (région, département).</summary>
public sealed record ReviewCaseOpened(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid CaseId,
    string Region,
    string Departement,
    DateTimeOffset OpenedAt) : ISubmissionEvent;
