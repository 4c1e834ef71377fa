using SemaineIndustrie.Contracts.Editions;

namespace SemaineIndustrie.Contracts;

/// <summary>
/// An edition was published, or a published edition changed: what it now is (event-carried state — a service that
/// needs edition facts, like the communication kit a labelled organiser receives, keeps its own copy and reads no
/// other service's configuration). <see cref="Revision"/> grows with every change of the edition.
/// </summary>
public sealed record EditionPublished(Edition Edition, long Revision, DateTimeOffset At);

/// <summary>A published edition without submissions was deleted.</summary>
public sealed record EditionRemoved(int Year, long Revision, DateTimeOffset At);
