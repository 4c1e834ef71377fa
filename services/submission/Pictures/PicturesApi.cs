using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Submission.Pictures;

/// <summary>
/// Pictures (/api/pictures): an organisation uploads a picture (multipart/form-data, its part named "file"), gets its id and
/// names it in a demand with its alternative text (<c>picture: { id, alt }</c>). Its own pictures only: another organisation's
/// picture does not exist (404), and a demand naming one is refused. The organisation reads its derivatives back here
/// (its form's preview); the public reads them from the catalogue once the event is labelled.
/// </summary>
public static class PicturesApi
{
    public const string Path = "/api/pictures";

    public static IEndpointRouteBuilder MapPicturesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).RequireAuthorization(PlatformClaims.OrganiserPolicy).WithTags("Pictures").WithPlatformAnswers();
        group.MapPost("/", Upload).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Refuses(StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}/{width:int}.webp", Read).Produces<byte[]>(StatusCodes.Status200OK, "image/webp");
        return app;
    }

    private static async Task<Results<Created<UploadedPicture>, ProblemHttpResult>> Upload(HttpRequest request, ClaimsPrincipal user, SubmissionDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Send the picture as multipart/form-data", "file",
                "A multipart/form-data body with the picture in a part named \"file\".");
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file)
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "No picture", "file", "Required: the picture, in a part named \"file\".");
        if (file.Length > PictureProcessing.MaxBytes) return Refused(new PictureProcessing.Refused(StatusCodes.Status413PayloadTooLarge, "Picture too large",
            $"At most {PictureProcessing.MaxBytes / (1024 * 1024)} MB."));

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        switch (await PictureProcessing.ProcessAsync(buffer.ToArray(), ct))
        {
            case PictureProcessing.Refused refused:
                return Refused(refused);
            case PictureProcessing.Processed processed:
                var now = clock.GetUtcNow();
                var picture = new StoredPicture
                {
                    Id = Guid.CreateVersion7(now), OrganiserId = user.OrganiserId(), UploadedBy = user.SubjectId(), UploadedAt = now,
                    Format = processed.Format, Width = processed.Width, Height = processed.Height,
                };
                picture.Files.AddRange(processed.Files.Select(f => new StoredPictureFile { PictureId = picture.Id, Width = f.Width, Height = f.Height, Webp = f.Webp }));
                db.Pictures.Add(picture);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"{Path}/{picture.Id}/{picture.Sizes[^1].Width}.webp",
                    new UploadedPicture(picture.Id, picture.Format, picture.Width, picture.Height, picture.Sizes));
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }

    /// <summary>
    /// One of the organisation's pictures: its smallest size at least <paramref name="width"/> wide (else its largest), so that a
    /// page asks for what it shows without knowing the sizes. The address never shows anything else.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Read(Guid id, int width, ClaimsPrincipal user, SubmissionDbContext db, HttpContext http, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var files = db.PictureFiles.AsNoTracking().Where(f => f.PictureId == id && db.Pictures.Any(p => p.Id == id && p.OrganiserId == organiser));
        var bytes = await files.Where(f => f.Width >= width).OrderBy(f => f.Width).Select(f => f.Webp).FirstOrDefaultAsync(ct)
            ?? await files.OrderByDescending(f => f.Width).Select(f => f.Webp).FirstOrDefaultAsync(ct);
        if (bytes is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.File(bytes, "image/webp");
    }

    private static ProblemHttpResult Refused(PictureProcessing.Refused refused) => Problems.Field(refused.Status, refused.Title, "file", refused.Message);
}
