using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Submission.Pictures;

/// <summary>
/// The organisation's pictures that requests name, loaded once (with their files) before the requests are checked:
/// the labelling rules accept only a picture of the submitting organisation, and a valid version's picture leaves
/// with it (<see cref="Attach"/>).
/// </summary>
public sealed class PictureShelf(IReadOnlyDictionary<Guid, StoredPicture> pictures)
{
    public static readonly PictureShelf Empty = new(new Dictionary<Guid, StoredPicture>());

    public static async Task<PictureShelf> ForAsync(SubmissionDbContext db, string organiser, IEnumerable<SubmissionRequest?> requests, CancellationToken ct)
    {
        var ids = requests.Select(r => r?.Picture?.Id).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return Empty;
        var found = await db.Pictures.AsNoTracking().Include(p => p.Files)
            .Where(p => ids.Contains(p.Id) && p.OrganiserId == organiser).ToListAsync(ct);
        return new PictureShelf(found.ToDictionary(p => p.Id));
    }

    public static Task<PictureShelf> ForAsync(SubmissionDbContext db, string organiser, SubmissionRequest? request, CancellationToken ct) =>
        ForAsync(db, organiser, [request], ct);

    /// <summary>The picture's sizes, or null when the organisation has no such picture.</summary>
    public IReadOnlyList<PictureSize>? SizesOf(Guid id) => pictures.TryGetValue(id, out var picture) ? picture.Sizes : null;

    /// <summary>Stages the bytes of the version's picture, if it has one, after the version's own message (same outbox, same transaction).</summary>
    public void Attach(SubmissionDbContext db, Guid submissionId, int version, EventDetails details, DateTimeOffset now)
    {
        if (details.Picture is not { } picture) return;
        var files = pictures[picture.Id].Files.OrderBy(f => f.Width).Select(f => new PictureFile(f.Width, f.Height, f.Webp)).ToList();
        db.AddToOutbox(new PictureAttached(submissionId, version, picture.Id, files, now));
    }
}
