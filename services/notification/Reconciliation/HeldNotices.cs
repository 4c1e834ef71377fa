using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.Notification.Deliveries;

namespace SemaineIndustrie.Notification.Reconciliation;

/// <summary>
/// What notification holds: the version of each submission it knows, and the organiser's mails about it — "mailed" when the
/// organisation was told of its submission (it has people who receive mail), with the latest decision it was mailed about.
/// </summary>
public sealed class HeldNotices(NotificationDbContext db) : IHeldSubmissions
{
    private static readonly string[] DecisionKinds = [Kinds.Labelled, Kinds.Refused, Kinds.ChangesRequested];

    public async Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Submissions.ToArray();
        var known = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.SubmissionId))
            .Select(s => new { s.SubmissionId, s.Version, s.Edition, s.Title }).ToListAsync(cancellationToken);
        // Delivery keys are "{kind}:{submission}:{version}": the ones this answer is about, asked by key (indexed).
        var keys = known.SelectMany(s => DecisionKinds.Append(Kinds.Received).SelectMany(kind =>
            Enumerable.Range(1, s.Version).Select(v => $"{kind}:{s.SubmissionId}:{v}"))).Distinct().ToArray();
        var mailed = await db.Deliveries.AsNoTracking().Where(d => keys.Contains(d.EventKey)).Select(d => d.EventKey).Distinct().ToListAsync(cancellationToken);
        var bySubmission = mailed.Select(k => k.Split(':')).ToLookup(parts => Guid.Parse(parts[1]), parts => (Kind: parts[0], Version: int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
        return new HeldAnswer("notification", [.. known.Select(s =>
        {
            var mails = bySubmission[s.SubmissionId].ToList();
            var decision = mails.Where(m => DecisionKinds.Contains(m.Kind)).OrderByDescending(m => m.Version).Select(m => ((string Kind, int Version)?)m).FirstOrDefault();
            return new HeldSubmission(s.SubmissionId, s.Version, mails.Count > 0 ? "mailed" : "known", decision?.Version, decision?.Kind, Edition: s.Edition, Title: s.Title);
        })], []);
    }
}
