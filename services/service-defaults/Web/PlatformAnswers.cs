using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>
/// The refusals every API endpoint can give whatever it does, declared once per group (its OpenAPI document lists them):
/// 400 (a query or body the service defaults cannot read: <see cref="QueryStringRules"/>, unreadable JSON, a route value of
/// the wrong type), 413 (a body over <see cref="RequestBodyLimit"/>), 503 (the database restarting or a dependency down; nothing stored, retry), and for endpoints behind a
/// sign-in 401 (no or a dead token) and 403 (not allowed). What an endpoint refuses on its own is declared beside it
/// (its typed results, or <c>.ProducesProblem(…)</c> where a problem's status is not in its type).
/// </summary>
public static class PlatformAnswers
{
    public static TBuilder WithPlatformAnswers<TBuilder>(this TBuilder builder, bool signedIn = true) where TBuilder : IEndpointConventionBuilder
    {
        int[] statuses = signedIn
            ? [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable]
            : [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status503ServiceUnavailable];
        return builder.Refuses(statuses);
    }

    /// <summary>Problems this endpoint answers with a status its typed results do not carry (e.g. 409, 412, 422 from one helper).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses) builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        return builder;
    }

    /// <summary>A status answered without a body (304 of a conditional GET, a redirect).</summary>
    public static TBuilder AlsoAnswers<TBuilder>(this TBuilder builder, int status) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status));
}
