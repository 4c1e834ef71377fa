using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Messaging.Redrive;

public static class RedriveEndpoints
{
    /// <summary>
    /// Admin-only, on each service (not routed by the gateway):
    /// GET /admin/messaging/error-queues and POST /admin/messaging/error-queues/{queue}/redrive?limit=N.
    /// </summary>
    public static IEndpointRouteBuilder MapErrorQueueRedrive(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/messaging/error-queues").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Messaging administration");

        group.MapGet("/", async (ErrorQueueRedriver redriver, CancellationToken ct) =>
            TypedResults.Ok(await redriver.ListAsync(ct)));

        group.MapPost("/{queue}/redrive", async Task<Results<Ok<RedriveResult>, ProblemHttpResult>> (
            string queue, ErrorQueueRedriver redriver, CancellationToken ct, int limit = 1000) =>
        {
            if (!redriver.Knows(queue))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue",
                    detail: $"'{queue}' is not a receive endpoint of this service.");
            }
            if (limit is < 1 or > 100_000)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit",
                    detail: "limit must be between 1 and 100000.", extensions: new Dictionary<string, object?> { ["field"] = "limit" });
            }
            return TypedResults.Ok(new RedriveResult(queue, await redriver.RedriveAsync(queue, limit, ct)));
        });
        return app;
    }

    public sealed record RedriveResult(string Queue, int Moved);
}
