using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// The largest request body a service (or the gateway) reads, from Http:MaxRequestBodyBytes (default
/// 1 MiB): a declared larger body is answered 413 problem+json at once, a chunked one fails with 413 as
/// soon as it crosses the limit. Our APIs take small JSON documents only; an endpoint that takes more
/// (the submission batch, a picture upload) is named with its own limit in Http:PathLimits ([{ "Path", "MaxBytes" }]); a Path
/// ending in "/*" names every address under it (the organiser's form pages, which carry a picture).
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultBytes = 1024 * 1024;

    public sealed record PathLimit(string Path, long MaxBytes)
    {
        public bool Matches(PathString path) => Path.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWithSegments(Path[..^2], StringComparison.OrdinalIgnoreCase)
            : path.Equals(Path, StringComparison.OrdinalIgnoreCase);
    }

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var standard = app.Configuration.GetValue("Http:MaxRequestBodyBytes", DefaultBytes);
        var paths = app.Configuration.GetSection("Http:PathLimits").Get<List<PathLimit>>() ?? [];
        app.Use(async (context, next) =>
        {
            var limit = paths.FirstOrDefault(p => p.Matches(context.Request.Path))?.MaxBytes ?? standard;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 413, Title = "Request body too large", Detail = $"At most {limit} bytes." },
                });
                return;
            }
            await next(context);
        });
        return app;
    }
}
