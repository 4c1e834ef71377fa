using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// Every query parameter of every service (and of the gateway, so bad ones stop at the edge) is a single
/// line of acceptable text (<see cref="TextRules"/>) of at most <see cref="MaxLength"/> characters —
/// <see cref="MaxProtocolLength"/> for the OpenID Connect parameters that carry a token or a protected state;
/// otherwise the request is answered 400 problem+json naming the parameter, before any endpoint runs.
/// </summary>
public static class QueryStringRules
{
    public const int MaxLength = 1000;
    public const int MaxProtocolLength = 8000;

    /// <summary>Sign-in and sign-out parameters whose values are tokens or data-protected state (a signed ID token is ~1.5 KB).</summary>
    private static readonly HashSet<string> ProtocolParameters = new(StringComparer.OrdinalIgnoreCase) { "id_token_hint", "state", "code", "ReturnUrl", "request" };

    public static WebApplication UseQueryStringRules(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue && Find(context.Request.Query) is { } fault)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = 400, Title = $"Invalid query parameter '{fault.Field}'", Detail = fault.Message,
                        Extensions = { ["errors"] = new Dictionary<string, string[]> { [fault.Field] = [fault.Message] } },
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    internal static (string Field, string Message)? Find(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            var field = TextRules.Check(key, multiLine: false) is null && key.Length <= 100 ? key : "query";
            if (field != key) return (field, "Parameter names are short single lines of text.");
            foreach (var value in values)
            {
                if (value is null) continue;
                if (TextRules.Check(value, multiLine: false) is { } reason) return (key, reason);
                var limit = ProtocolParameters.Contains(key) ? MaxProtocolLength : MaxLength;
                if (value.Length > limit) return (key, $"At most {limit} characters.");
            }
        }
        return null;
    }
}
