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
        return HeldAnswer.Split("submission", ids.ToHashSet(), rows.Select(s => HeldWords.WithStatus(s.Id, s.Version, s.Status, s.Edition, s.Title)));
    }
}
