using SemaineIndustrie.Contracts.Catalogue;

namespace SemaineIndustrie.Contracts;

/// <summary>
/// An event appeared or changed in the public catalogue, with what the catalogue now shows of it (event-carried state:
/// a consumer needs no call to the publication service to tell partners or people about it).
/// </summary>
public sealed record EventPublished(
    Guid SubmissionId,
    int SubmissionVersion,
    DateTimeOffset PublishedAt,
    PublicEvent Event) : ISubmissionEvent;

public sealed record EventUnpublished(
    Guid SubmissionId,
    int SubmissionVersion,
    string Reason,
    DateTimeOffset UnpublishedAt) : ISubmissionEvent;
