namespace SemaineIndustrie.Notification.Committees;

/// <summary>A case in a committee's queue, as the digests need it: where, since when, due when, still waiting or not.</summary>
public sealed class OpenCase
{
    public Guid CaseId { get; init; }
    public Guid SubmissionId { get; set; }
    public int Version { get; set; }
    public required string Region { get; set; }
    public required string Departement { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Decided, waiting for the organiser, or withdrawn: no longer in the queue.</summary>
    public bool Closed { get; set; }
}

/// <summary>A scheduled job's run for one period, inserted in the transaction of its effects: once across replicas.</summary>
public sealed class ScheduledRun
{
    public required string Job { get; init; }
    public required string Period { get; init; }
    public DateTimeOffset RanAt { get; init; }
}
