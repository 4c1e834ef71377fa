using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// X-Correlation-Id: taken from the request when well-formed (so a client's or the gateway's id follows
/// the request), else the W3C trace id; echoed in the response, put on the trace and in every log line's
/// scope. Security headers for a JSON API on every response.
/// </summary>
public static class EdgeHeaders
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WebApplication UseCorrelationAndSecurityHeaders(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SemaineIndustrie.Requests");
        app.Use(async (context, next) =>
        {
            var id = CorrelationIdOf(context);
            context.Request.Headers[CorrelationHeader] = id; // forwarded downstream by the gateway
            Activity.Current?.SetTag("correlation.id", id);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[CorrelationHeader] = id;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // A policy the application (the web pages) or a proxied service set is kept; the APIs get none of
                // theirs: nothing to run, nothing to frame. Framing is refused unless that policy says who may frame.
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar")
                        ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"
                        : "default-src 'none'; frame-ancestors 'none'";
                }
                if (!headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors", StringComparison.Ordinal) ||
                    headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors 'none'", StringComparison.Ordinal))
                {
                    headers.XFrameOptions = "DENY";
                }
                if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next(context);
            }
        });
        return app;
    }

    /// <summary>The client's (or the gateway's) id when well-formed, else the request's trace id.</summary>
    public static string CorrelationIdOf(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationHeader].ToString();
        return IsWellFormed(incoming) ? incoming : (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();
    }

    private static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
