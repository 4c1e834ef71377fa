using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Notification.Deliveries;

/// <summary>A delivery as operators see it: where it stands and what went wrong, not its content.</summary>
public sealed record DeliveryView(Guid Id, string EventKey, string Kind, string RecipientId, string Channel, DeliveryStatus Status,
    int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt);

/// <summary>
/// Operators (admins) list deliveries — parked ones first of all — and replay one: it goes back to pending
/// with its attempts kept, sent again with the same Message-ID.
/// </summary>
public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/deliveries").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Deliveries").WithPlatformAnswers();
        group.MapGet("/", List);
        group.MapPost("/{id:guid}/replay", Replay).Refuses(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<List<DeliveryView>>, ProblemHttpResult>> List(NotificationDbContext db, CancellationToken ct, string? status = null, string? eventKey = null, int limit = 100)
    {
        if (limit is < 1 or > 500) return Problems.BadQuery("limit", "Between 1 and 500.");
        var query = db.Deliveries.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, out _))
                return Problems.BadQuery("status", "One of: pending, sent, parked, suppressed.");
            query = query.Where(d => d.Status == wanted);
        }
        if (eventKey is not null) query = query.Where(d => d.EventKey == eventKey);
        var rows = await query.OrderByDescending(d => d.CreatedAt).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(d => new DeliveryView(d.Id, d.EventKey, d.Kind, d.RecipientId, d.Channel, d.Status, d.Attempts, d.LastError,
            d.CreatedAt, d.NextAttemptAt, d.SentAt)).ToList());
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Replay(Guid id, NotificationDbContext db, DeliveryWakeUp wakeUp, TimeProvider clock, CancellationToken ct)
    {
        var changed = await db.Deliveries.Where(d => d.Id == id && (d.Status == DeliveryStatus.Parked || d.Status == DeliveryStatus.Sent))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, clock.GetUtcNow()), ct);
        if (changed == 0)
        {
            if (!await db.Deliveries.AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
            return Problems.Conflict("Not replayable", "Only a parked or sent delivery can be replayed; this one is pending or suppressed.");
        }
        wakeUp.Signal();
        return TypedResults.Accepted((string?)null);
    }
}
