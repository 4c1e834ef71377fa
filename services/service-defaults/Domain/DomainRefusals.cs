using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace SemaineIndustrie.ServiceDefaults.Domain;

/// <summary>
/// The one place where an entity's refusal (<see cref="TransitionRefused"/>) becomes an HTTP answer: 409 problem+json
/// with the refusal's title, detail and extensions. Handlers let the refusal propagate (nothing was changed: entities
/// refuse before they change); this middleware answers it, without the error log an unhandled exception gets.
/// Endpoints that can be refused declare it with <c>.ProducesProblem(409)</c>.
/// </summary>
public static class DomainRefusals
{
    /// <summary>The refusal as the APIs answer it (also used where one request carries several outcomes, e.g. bulk decisions).</summary>
    public static ProblemHttpResult Problem(TransitionRefused refusal) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: refusal.Title, detail: refusal.Message, extensions: refusal.Extensions);

    public static WebApplication UseDomainRefusals(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (TransitionRefused refusal) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = refusal.Title, Detail = refusal.Message };
                foreach (var (key, value) in refusal.Extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            }
        });
        return app;
    }
}
