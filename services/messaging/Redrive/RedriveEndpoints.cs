using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Messaging.Redrive;

public static class RedriveEndpoints
{
    /// <summary>
    /// Admin-only, on each service (not routed by the gateway):
    /// GET /admin/messaging/error-queues and POST /admin/messaging/error-queues/{queue}/redrive?limit=N;
    /// GET /admin/messaging/outbox/parked and POST /admin/messaging/outbox/parked/{sequenceNumber}/replay.
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
                return Problems.NotFound("Unknown queue", $"'{queue}' is not a receive endpoint of this service.");
            }
            if (limit is < 1 or > 100_000)
            {
                return Problems.BadQuery("limit", "Between 1 and 100000.");
            }
            return TypedResults.Ok(new RedriveResult(queue, await redriver.RedriveAsync(queue, limit, ct)));
        });

        // Outbox rows the relay parked (see OutboxMessage.ParkedAt): listed, and replayed one by one once fixed.
        var parked = app.MapGroup("/admin/messaging/outbox/parked").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Messaging administration");
        parked.MapGet("/", async (ParkedOutboxRows rows, CancellationToken ct) => TypedResults.Ok(await rows.ListAsync(500, ct)));
        parked.MapPost("/{sequenceNumber:long}/replay", async Task<Results<NoContent, NotFound>> (long sequenceNumber, ParkedOutboxRows rows, CancellationToken ct) =>
            await rows.ReplayAsync(sequenceNumber, ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        return app;
    }

    public sealed record RedriveResult(string Queue, int Moved);
}
