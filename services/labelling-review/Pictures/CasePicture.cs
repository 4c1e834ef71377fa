using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Pictures;

/// <summary>
/// A picture an organiser gave with a version of their demand, as the committee sees it on the case page: one size (the one
/// that fits <see cref="Box"/>), kept for every version so that a revision's new picture can be compared with the old one.
/// </summary>
public sealed class CasePicture
{
    public const int Box = 640;

    public Guid PictureId { get; init; }
    public Guid SubmissionId { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required byte[] Webp { get; init; }
}

public sealed class CasePictureConsumer(ReviewDbContext db) : IConsumer<PictureAttached>
{
    public Task Consume(ConsumeContext<PictureAttached> context) => db.ConsumeOnceAsync(context, this, async ct =>
    {
        var message = context.Message;
        if (await db.CasePictures.AnyAsync(p => p.PictureId == message.PictureId, ct)) return; // the same picture kept in a revision
        var file = message.Files.LastOrDefault(f => Math.Max(f.Width, f.Height) <= CasePicture.Box) ?? message.Files[0];
        db.CasePictures.Add(new CasePicture { PictureId = message.PictureId, SubmissionId = message.SubmissionId, Width = file.Width, Height = file.Height, Webp = file.Webp });
    });
}

public static class CasePicturesApi
{
    public static RouteGroupBuilder MapCasePictures(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/pictures/{pictureId:guid}.webp", Read).Produces<byte[]>(StatusCodes.Status200OK, "image/webp");
        return cases;
    }

    /// <summary>A picture of a case in the reviewer's scope (of any of its versions); 404 outside the scope, like the case.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Read(Guid id, Guid pictureId, ClaimsPrincipal user, ReviewDbContext db, HttpContext http, CancellationToken ct)
    {
        var bytes = await db.CasePictures.AsNoTracking()
            .Where(p => p.PictureId == pictureId && db.Cases.InScope(user).Any(c => c.Id == id && c.SubmissionId == p.SubmissionId))
            .Select(p => p.Webp).SingleOrDefaultAsync(ct);
        if (bytes is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.File(bytes, "image/webp");
    }
}
