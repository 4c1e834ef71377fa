using SemaineIndustrie.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SemaineIndustrie.Submission.Editions;

public static class EditionsApi
{
    /// <summary>Public: dates, theme, sectors and audiences, for the map and for organisers' forms.</summary>
    public static IEndpointRouteBuilder MapEditionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/editions").AllowAnonymous().WithTags("Editions").WithPlatformAnswers(signedIn: false)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
                return await next(context);
            });
        group.MapGet("/", (EditionCatalog catalog) => TypedResults.Ok(catalog.All));
        group.MapGet("/current", Results<Ok<Edition>, NotFound> (EditionCatalog catalog) =>
            catalog.Current() is { } edition ? TypedResults.Ok(edition) : TypedResults.NotFound());
        group.MapGet("/{year:int}", Results<Ok<Edition>, NotFound> (int year, EditionCatalog catalog) =>
            catalog.ByYear(year) is { } edition ? TypedResults.Ok(edition) : TypedResults.NotFound());
        return app;
    }
}
