using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;

namespace SemaineIndustrie.LabellingReview.Reconciliation;

/// <summary>What review holds: each submission's case, its version and status (a decision is that version's).</summary>
public sealed class HeldCases(ReviewDbContext db) : IHeldSubmissions
{
    public async Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Submissions.ToArray();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.SubmissionId) || c.Edition == request.Edition)
            .Select(c => new { c.SubmissionId, c.SubmissionVersion, c.Status, c.Edition, c.Title }).ToListAsync(cancellationToken);
        return HeldAnswer.Split("review", ids.ToHashSet(), cases.Select(c => HeldWords.WithStatus(c.SubmissionId, c.SubmissionVersion, c.Status, c.Edition, c.Title)));
    }
}
