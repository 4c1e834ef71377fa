using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Submission.Pictures;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// What a new submission goes through, one way for the single POST and for the batch: its idempotency
/// key checked, a replay recognised, the submission, its first version, the key, the SubmissionReceived
/// message and its picture's bytes (PictureAttached) staged together (they commit together, or not at all).
/// </summary>
public static class SubmissionIntake
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Null when acceptable: 1 to 200 visible ASCII characters.</summary>
    public static string? CheckKey(string key) =>
        key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(c => c < 0x21 || c > 0x7e)
            ? $"1 to {MaxIdempotencyKeyLength} visible ASCII characters."
            : null;

    public static string Hash(SubmissionRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, ContractJson.Options))));

    public static Task<IdempotencyKey?> UsedKeyAsync(SubmissionDbContext db, string organiser, string key, CancellationToken ct) =>
        db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.OrganiserId == organiser && k.Key == key, ct);

    /// <summary>Adds the new submission, its version, the key (if any) and its message to the context; the caller saves.</summary>
    public static (EventSubmission Submission, SubmissionVersion Version) Stage(SubmissionDbContext db, ValidSubmission valid, string organiser, string subject,
        string? key, string? requestHash, DateTimeOffset now, PictureShelf pictures)
    {
        var (submission, received) = EventSubmission.Submit(Guid.CreateVersion7(now), organiser, subject, valid.Event, now);
        var version = SubmissionVersion.Of(submission.Id, submission.Version, valid, submission.CreatedBy, now);
        db.Submissions.Add(submission);
        db.Versions.Add(version);
        if (key is not null)
        {
            db.IdempotencyKeys.Add(new IdempotencyKey { OrganiserId = organiser, Key = key, RequestHash = requestHash!, SubmissionId = submission.Id, CreatedAt = now });
        }
        db.AddToOutbox(received);
        pictures.Attach(db, submission.Id, submission.Version, valid.Event, now);
        return (submission, version);
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
