using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// The platform's two languages, the same way on every service that renders pages (the web front-end, the identity
/// service's sign-in and account pages): French by default, English on <c>?lang=en</c> or with the language cookie the
/// switch sets (one cookie for the whole address, so a choice made on the map holds on the sign-in page). Each service keeps
/// its own resource set (Resources/*.resx, French neutral, *.en.resx).
/// </summary>
public static class PlatformCultures
{
    public static readonly CultureInfo[] All = [new("fr"), new("en")];

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>"fr" or "en": the current request's language, as stored on an account or put in a lang attribute.</summary>
    public static string Current => English ? "en" : "fr";

    public static IServiceCollection AddPlatformCultures(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // French and English text as text, not as &#xE9; entities (Razor still encodes what must be encoded: < > & ' ").
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("fr");
            options.SupportedCultures = options.SupportedUICultures = All;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" }, new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>The language switch at <paramref name="path"/> ("/langue/{culture}"): remembered in the cookie, then back to the page (local addresses only).</summary>
    public static IEndpointConventionBuilder MapLanguageSwitch(this IEndpointRouteBuilder app, string path) =>
        app.MapGet(path, (string culture, string? retour, HttpContext http) =>
        {
            if (!All.Any(c => c.Name == culture)) return Results.NotFound();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Path = "/", Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
            return Results.LocalRedirect(LocalUrl.IsLocal(retour) ? retour! : "/");
        }).AllowAnonymous();
}
