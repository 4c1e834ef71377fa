using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace SemaineIndustrie.Web.Api;

/// <summary>
/// A page whose API call was refused for too many requests (the gateway's per-address or per-person limits, 429) or found the
/// service unavailable (503) is not a fault of the page: the person is told to retry in a few seconds (503, Retry-After),
/// in the visitor's language, instead of an error 500. Measured by bench/workbench.sh: twenty reviewers behind one address paging
/// briskly reach the per-address limit, and each such page was a 500.
/// </summary>
public sealed class BusyPlatform(ILogger<BusyPlatform> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public static bool IsBusy(Exception exception) =>
        exception is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsBusy(exception) || context.Response.HasStarted) return false;
        logger.LogInformation("{Path}: an API answered {Status}; the page asks to retry", context.Request.Path, (int)((HttpRequestException)exception).StatusCode!);
        // The language the localization middleware chose for this request (its feature outlives the exception; the culture does not).
        var english = context.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName == "en";
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        var (lang, title, text, again) = english
            ? ("en", "Many requests at once", "The platform is answering many requests right now. Please try again in a few seconds.", "Try again")
            : ("fr", "Beaucoup de demandes en même temps", "La plateforme répond à beaucoup de demandes en ce moment. Réessayez dans quelques secondes.", "Réessayer");
        var here = WebUtility.HtmlEncode(context.Request.Path + context.Request.QueryString);
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} — Semaine de l'Industrie</title></head>
            <body><main role="main"><h1>{title}</h1><p role="status">{text}</p><p><a href="{here}">{again}</a></p></main></body></html>
            """, ct);
        return true;
    }
}
