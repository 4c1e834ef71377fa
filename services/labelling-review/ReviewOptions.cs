namespace SemaineIndustrie.LabellingReview;

/// <summary>Configuration section "Review".</summary>
public sealed class ReviewOptions
{
    /// <summary>How long a claim holds a case for its reviewer (renewable).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long a case handed to a colleague stays theirs (they are told by mail and may be away a day or two); they
    /// release it, decide it, or a colleague covers their absence.</summary>
    public TimeSpan AssignmentLease { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How often overdue cases are looked at for escalation (once per case and level, whatever the period).</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(10);

    public int MaxBulkDecisions { get; set; } = 100;
}
