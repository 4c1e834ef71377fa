namespace SemaineIndustrie.Contracts;

/// <summary>
/// Every message about a submission names it and the version it is about. Consumers keep the last
/// version they applied and ignore older ones: delivery may be duplicated and reordered.
/// </summary>
public interface ISubmissionEvent
{
    Guid SubmissionId { get; }
    int SubmissionVersion { get; }
}

/// <summary>
/// A submission event its producer raises at most once per (submission, version), by construction: a version is
/// received, revised, withdrawn, given its picture, opened for review and decided once. Its message id is derived
/// from what it says — its type, submission and version — not drawn at random, so the same news raised again (by a
/// producer whose database was restored to an earlier point, or rebuilt by reconciliation) carries the same id, and
/// every consumer's inbox drops it where it was applied already (docs/messaging.md, "Message identities").
/// </summary>
public interface IOncePerVersion : ISubmissionEvent;
