namespace SemaineIndustrie.Contracts;

public sealed record EventPublished(
    Guid SubmissionId,
    int SubmissionVersion,
    DateTimeOffset PublishedAt) : ISubmissionEvent;

public sealed record EventUnpublished(
    Guid SubmissionId,
    int SubmissionVersion,
    string Reason,
    DateTimeOffset UnpublishedAt) : ISubmissionEvent;
