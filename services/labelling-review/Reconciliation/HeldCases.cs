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
        var asked = ids.ToHashSet();
        var held = cases.Select(c =>
        {
            var state = HeldWords.Of(c.Status);
            var decision = HeldWords.DecisionOf(state);
            return new HeldSubmission(c.SubmissionId, c.SubmissionVersion, state, decision is null ? null : c.SubmissionVersion, decision,
                Edition: c.Edition, Title: c.Title);
        }).ToList();
        return new HeldAnswer("review", [.. held.Where(h => asked.Contains(h.SubmissionId))], [.. held.Where(h => !asked.Contains(h.SubmissionId))]);
    }
}
