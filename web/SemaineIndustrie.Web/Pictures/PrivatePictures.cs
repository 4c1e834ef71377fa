using SemaineIndustrie.Web.Api;

namespace SemaineIndustrie.Web.Pictures;

/// <summary>
/// Pictures not yet public, as the signed-in pages show them: the organisation's own (its form's and its demand's preview) and
/// a case's (the committee's case page). The browser has no token: these addresses ask the APIs as the signed-in person,
/// who sees only what the API lets them see (another organisation's picture, a case outside the committee's scope: 404).
/// </summary>
public static class PrivatePictures
{
    public static string Own(Guid picture, int width) => $"/mon-espace/images/{picture}/{width}.webp";

    public static string OfCase(Guid caseId, Guid picture) => $"/mon-espace/dossiers/{caseId}/images/{picture}.webp";

    public static WebApplication MapPrivatePictures(this WebApplication app)
    {
        app.MapGet("/mon-espace/images/{id:guid}/{width:int}.webp", async (Guid id, int width, SubmissionsClient submissions, HttpContext http, CancellationToken ct) =>
            Answer(await submissions.PictureAsync(id, width, ct), http)).RequireAuthorization();
        app.MapGet("/mon-espace/dossiers/{caseId:guid}/images/{id:guid}.webp", async (Guid caseId, Guid id, ReviewClient review, HttpContext http, CancellationToken ct) =>
            Answer(await review.CasePictureAsync(caseId, id, ct), http)).RequireAuthorization();
        return app;
    }

    private static IResult Answer(ApiAnswer<byte[]> answer, HttpContext http)
    {
        if (answer.NeedsSignIn) return Results.Unauthorized();
        if (answer.Value is not { } bytes) return Results.StatusCode(answer.Status == System.Net.HttpStatusCode.NotFound ? 404 : 502);
        http.Response.Headers.CacheControl = "private, max-age=86400, immutable"; // a picture's address never shows another picture
        return Results.File(bytes, "image/webp");
    }
}
