namespace SemaineIndustrie.Contracts;

public sealed record LabelGranted(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid CaseId,
    string ReviewerId,
    DateTimeOffset DecidedAt) : IOncePerVersion;

public sealed record LabelRefused(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid CaseId,
    string ReviewerId,
    string Motivation,
    DateTimeOffset DecidedAt) : IOncePerVersion;

public sealed record ChangesRequested(
    Guid SubmissionId,
    int SubmissionVersion,
    Guid CaseId,
    string ReviewerId,
    string Message,
    DateTimeOffset DecidedAt) : IOncePerVersion;
