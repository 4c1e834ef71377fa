using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;

namespace SemaineIndustrie.Submission.Reconciliation;

/// <summary>What the submission service holds: each submission's current version and status (a decision is that version's).</summary>
public sealed class HeldSubmissions(SubmissionDbContext db) : IHeldSubmissions
{
    public async Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Submissions.ToArray();
        var rows = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id) || s.Edition == request.Edition)
            .Select(s => new { s.Id, s.Version, s.Status, s.Edition, s.Title }).ToListAsync(cancellationToken);
        var asked = ids.ToHashSet();
        var held = rows.Select(s =>
        {
            var state = HeldWords.Of(s.Status);
            return new HeldSubmission(s.Id, s.Version, state, HeldWords.DecisionOf(state) is null ? null : s.Version, HeldWords.DecisionOf(state),
                Edition: s.Edition, Title: s.Title);
        }).ToList();
        return new HeldAnswer("submission", [.. held.Where(h => asked.Contains(h.SubmissionId))], [.. held.Where(h => !asked.Contains(h.SubmissionId))]);
    }
}
