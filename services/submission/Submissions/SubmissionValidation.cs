using SemaineIndustrie.Contracts;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>A request that passed validation: the event as other services will see it, and the private part.</summary>
public sealed record ValidSubmission(EventDetails Event, PrivateContact PrivateContact);

/// <summary>The result of validating a request: either a valid submission, or every problem keyed by field.</summary>
public sealed record SubmissionValidation(ValidSubmission? Valid, Dictionary<string, string[]> Errors, IReadOnlyList<Commune> CommuneCandidates);
