using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Notification.Deliveries;

namespace SemaineIndustrie.Notification.Unsubscribe;

/// <summary>
/// The unsubscribe link of every mail (RFC 8058): opening it shows a confirmation (mail scanners that open
/// links unsubscribe nobody); a POST to the same address — the page's button, or a mail client's one-click
/// <c>List-Unsubscribe=One-Click</c> — records it. Signed links only; the same answer whether or not the
/// person was already unsubscribed.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Path = "/notifications/desabonnement";
    /// <summary>Escapes markup, keeps accents readable.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Confirm).AllowAnonymous().WithTags("Unsubscribe");
        app.MapPost(Path, Unsubscribe).AllowAnonymous().DisableAntiforgery().WithTags("Unsubscribe");
        return app;
    }

    private static IResult Confirm(string? r, string? k, string? t, UnsubscribeLinks links)
    {
        if (!links.IsValid(r, k, t)) return Page(StatusCodes.Status400BadRequest, "Lien invalide", "<p>Ce lien de désabonnement n'est pas valide ou a été modifié. / This unsubscribe link is not valid.</p>");
        var action = Html.Encode($"{Path}?r={Uri.EscapeDataString(r!)}&k={Uri.EscapeDataString(k!)}&t={Uri.EscapeDataString(t!)}");
        return Page(StatusCodes.Status200OK, "Se désabonner",
            $"<p>Ne plus recevoir les messages « {Html.Encode(Kinds.Label(k!, "fr"))} » ?<br><span lang=\"en\">Stop receiving “{Html.Encode(Kinds.Label(k!, "en"))}” messages?</span></p>" +
            $"<form method=\"post\" action=\"{action}\"><button type=\"submit\">Me désabonner / Unsubscribe</button></form>");
    }

    private static async Task<IResult> Unsubscribe(string? r, string? k, string? t, UnsubscribeLinks links, NotificationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!links.IsValid(r, k, t)) return Page(StatusCodes.Status400BadRequest, "Lien invalide", "<p>Ce lien de désabonnement n'est pas valide ou a été modifié. / This unsubscribe link is not valid.</p>");
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO unsubscriptions (recipient_id, kind, at) VALUES ({r}, {k}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        return Page(StatusCodes.Status200OK, "Désabonnement enregistré",
            $"<p>Vous ne recevrez plus les messages « {Html.Encode(Kinds.Label(k!, "fr"))} ».<br><span lang=\"en\">You will no longer receive “{Html.Encode(Kinds.Label(k!, "en"))}” messages.</span></p>");
    }

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title} — Semaine de l'Industrie</title></head>" +
        $"<body><main><h1>{title}</h1>{body}</main></body></html>", "text/html; charset=utf-8", statusCode: status);
}
