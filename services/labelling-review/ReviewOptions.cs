namespace SemaineIndustrie.LabellingReview;

/// <summary>Configuration section "Review".</summary>
public sealed class ReviewOptions
{
    /// <summary>How long a claim holds a case for its reviewer (renewable).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(30);
    public int MaxBulkDecisions { get; set; } = 100;
}
