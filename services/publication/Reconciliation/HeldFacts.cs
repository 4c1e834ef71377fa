using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.Publication.Catalogue;

namespace SemaineIndustrie.Publication.Reconciliation;

/// <summary>
/// What publication holds: the latest version whose content it received (0: none, whatever else arrived), that version's decision and whether it knows where its
/// venue is, and whether the event is on the map ("published"), withdrawn, or not shown ("not-published").
/// </summary>
public sealed class HeldFacts(PublicationDbContext db) : IHeldSubmissions
{
    public async Task<HeldAnswer> HeldAsync(HeldRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Submissions.ToArray();
        var facts = await db.Versions.AsNoTracking().Where(v => ids.Contains(v.SubmissionId))
            .Select(v => new { v.SubmissionId, v.Version, Content = v.Details != null, v.Decision, Located = v.Latitude != null || v.Unlocated })
            .ToListAsync(cancellationToken);
        var entries = await db.Catalogue.AsNoTracking().Where(e => ids.Contains(e.SubmissionId) || e.Edition == request.Edition)
            .Select(e => new { e.SubmissionId, e.Version, e.Edition, e.Title }).ToListAsync(cancellationToken);
        var withdrawn = (await db.Withdrawn.AsNoTracking().Where(w => ids.Contains(w.SubmissionId)).Select(w => w.SubmissionId).ToListAsync(cancellationToken)).ToHashSet();
        var shown = entries.ToDictionary(e => e.SubmissionId);

        var held = facts.GroupBy(f => f.SubmissionId).Select(versions =>
        {
            // A decision, a picture or a reviewer's correction may arrive before a version's content (which comes with geocoding's
            // answer): without its content, publication does not hold that version.
            var latest = versions.Where(v => v.Content).MaxBy(v => v.Version);
            var decided = versions.Where(v => v.Decision != Decision.None).MaxBy(v => v.Version);
            var state = withdrawn.Contains(versions.Key) ? HeldWords.Withdrawn : shown.ContainsKey(versions.Key) ? "published" : "not-published";
            return new HeldSubmission(versions.Key, latest?.Version ?? 0, state, decided?.Version, decided is null ? null : HeldWords.Of(decided.Decision),
                Located: latest?.Located ?? false, Edition: shown.GetValueOrDefault(versions.Key)?.Edition);
        }).ToList();
        var asked = ids.ToHashSet();
        return new HeldAnswer("publication", held,
            [.. entries.Where(e => !asked.Contains(e.SubmissionId)).Select(e => new HeldSubmission(e.SubmissionId, e.Version, "published", Edition: e.Edition, Title: e.Title))]);
    }
}
