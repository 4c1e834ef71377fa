using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// POST /api/submissions/batch: up to 200 submissions in one request (one rate-limit unit at the gateway),
/// for federations importing their events. Each item carries its own idempotency key and gets its own
/// result: created (201), replayed (201, the submission as it is now), or refused (422 with its fields).
/// The shape is checked first (a malformed batch is refused whole, nothing stored); all the items created
/// commit in one transaction at the end, so an error can never hide stored work: on a 5xx nothing was
/// stored and the same batch can be sent again.
/// </summary>
public static class BatchSubmissionsApi
{
    public const int MaxItems = 200;

    /// <param name="dryRun">Check every item with the server's rules and answer as if sending, storing nothing
    /// (items that would be created: status 201 without an id) — an import page shows what is wrong before anything is sent.</param>
    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Submit(BatchRequest request, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions,
        DomainClock clock, CancellationToken ct, bool dryRun = false)
    {
        var shape = CheckShape(request);
        if (shape.Count > 0) return Problems.Unprocessable("The batch cannot be read as a whole", shape);
        var items = request.Items!.Select(i => i!).ToList();
        if (dryRun)
        {
            var checkedOnly = (await StageAsync(items, user, db, editions, clock.GetUtcNow(), ct))
                .Select(r => r.Status == 201 && !r.Replayed ? r with { Id = null, Version = null } : r).ToList();
            db.ChangeTracker.Clear(); // nothing staged is saved
            return TypedResults.Ok(new BatchResponse(checkedOnly.Count(r => r.Status == 201 && !r.Replayed), checkedOnly.Count(r => r.Replayed),
                checkedOnly.Count(r => r.Status != 201), checkedOnly, DryRun: true));
        }

        // Two batches racing on the same key: the loser's commit fails on the key's uniqueness; its second
        // pass then finds the winner's keys and answers them as replays.
        for (var attempt = 1; ; attempt++)
        {
            var results = await StageAsync(items, user, db, editions, clock.GetUtcNow(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new BatchResponse(
                    results.Count(r => r.Status == 201 && !r.Replayed), results.Count(r => r.Replayed), results.Count(r => r.Status != 201), results));
            }
            catch (DbUpdateException ex) when (attempt == 1 && SubmissionIntake.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<List<BatchItemResult>> StageAsync(List<BatchItem> items, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog editions, DateTimeOffset now, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var keys = items.Select(i => i.Key!).ToList();
        var used = await db.IdempotencyKeys.AsNoTracking().Where(k => k.OrganiserId == organiser && keys.Contains(k.Key)).ToDictionaryAsync(k => k.Key, ct);
        var replayed = await db.Submissions.AsNoTracking().Where(s => used.Values.Select(k => k.SubmissionId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var pictures = await PictureShelf.ForAsync(db, organiser, items.Select(i => i.Submission), ct);
        var results = new List<BatchItemResult>(items.Count);
        foreach (var item in items)
        {
            var hash = SubmissionIntake.Hash(item.Submission!);
            if (used.TryGetValue(item.Key!, out var key))
            {
                results.Add(key.RequestHash == hash
                    ? new BatchItemResult(item.Key!, 201, key.SubmissionId, replayed[key.SubmissionId].Version, true, null, null, null)
                    : new BatchItemResult(item.Key!, 422, null, null, false, "Idempotency key already used",
                        new Dictionary<string, string[]> { ["key"] = ["This key was already used for a different submission; use a new key for a new submission."] }, null));
                continue;
            }
            var validation = LabellingRules.Validate(item.Submission!, editions, CommuneDirectory.Instance, now, pictures);
            if (validation.Valid is not { } valid)
            {
                results.Add(new BatchItemResult(item.Key!, 422, null, null, false, "The submission cannot be accepted", validation.Errors,
                    validation.CommuneCandidates.Count == 0 ? null : validation.CommuneCandidates.Take(20)
                        .Select(SubmissionViews.Candidate).ToList()));
                continue;
            }
            var (submission, _) = SubmissionIntake.Stage(db, valid, organiser, user.SubjectId(), item.Key, hash, now, pictures);
            results.Add(new BatchItemResult(item.Key!, 201, submission.Id, submission.Version, false, null, null, null));
        }
        return results;
    }

    /// <summary>What makes the batch unreadable as a whole: no items, too many, an item without key or submission, a key twice.</summary>
    private static Dictionary<string, string[]> CheckShape(BatchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Items is not { Count: > 0 } items)
        {
            errors["items"] = [$"1 to {MaxItems} items."];
            return errors;
        }
        if (items.Count > MaxItems)
        {
            errors["items"] = [$"At most {MaxItems} items per batch; send the rest in another batch."];
            return errors;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) { errors[$"items[{i}]"] = ["An item with a key and a submission."]; continue; }
            if (item.Key is null) errors[$"items[{i}].key"] = ["Each item has its own idempotency key."];
            else if (SubmissionIntake.CheckKey(item.Key) is { } problem) errors[$"items[{i}].key"] = [problem];
            else if (!seen.Add(item.Key)) errors[$"items[{i}].key"] = ["This key appears twice in the batch."];
            if (item.Submission is null) errors[$"items[{i}].submission"] = ["The submission of this item."];
        }
        return errors;
    }
}
