using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Web;

/// <summary>
/// The pages' Content-Security-Policy: everything from this origin only (the DSFR, Leaflet and our scripts
/// are served by the app), images also from the configured tile server, no inline script; forms post here
/// (and may be redirected to the identity service, for signing out). Only the
/// embeddable widget (/embed) may be framed, by the origins in Web:EmbedAllowedOrigins; every other page
/// refuses framing. The service defaults (and the gateway) keep a policy the app set.
/// </summary>
public static class PageSecurityHeaders
{
    public static WebApplication UsePageSecurityHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var images = "'self' data:" + (options.Map.TileOrigin is { } tiles ? " " + tiles : "");
        var framers = string.Join(' ', options.EmbedAllowedOrigins);
        // Signing out posts a form whose answer redirects to the identity service's end-session endpoint:
        // form-action must allow that origin when it is not this one (behind one gateway, it is the same).
        var signIn = app.Services.GetRequiredService<IOptions<Session.SignInOptions>>().Value;
        var formTargets = "'self'" + (signIn.Enabled && Uri.TryCreate(signIn.Authority, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "");
        app.Use(async (context, next) =>
        {
            var embed = context.Request.Path.StartsWithSegments("/embed");
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; img-src {images}; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; " +
                $"base-uri 'self'; form-action {formTargets}; frame-ancestors {(embed ? framers : "'none'")}";
            await next(context);
        });
        return app;
    }
}
