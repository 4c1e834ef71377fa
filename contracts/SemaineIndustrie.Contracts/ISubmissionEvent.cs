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
