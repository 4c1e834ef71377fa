using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Work;
using System.Net;
using System.Net.Mail;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Notification.Webhooks;

public sealed record SubscriptionRequest(string? Url, string? ContactEmail, List<string>? Regions, List<string>? Departements, List<string>? Sectors);

public sealed record SubscriptionView(Guid Id, string Url, string ContactEmail, IReadOnlyList<string> Regions, IReadOnlyList<string> Departements,
    IReadOnlyList<string> Sectors, SubscriptionStatus Status, int ConsecutiveFailures, DateTimeOffset CreatedAt, DateTimeOffset? PausedAt)
{
    public static SubscriptionView Of(WebhookSubscription s) => new(s.Id, s.Url, s.ContactEmail, s.Regions, s.Departements, s.Sectors, s.Status,
        s.ConsecutiveFailures, s.CreatedAt, s.PausedAt);
}

/// <summary>Shown once, at creation: the secret that signs the subscription's deliveries.</summary>
public sealed record CreatedSubscription(SubscriptionView Subscription, string Secret);

public sealed record WebhookDeliveryView(Guid Id, string EventKey, string EventType, WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>Administrators subscribe partners' HTTPS endpoints, read their deliveries, resume a paused one, replay a delivery.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/webhooks").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Webhooks").WithPlatformAnswers();
        group.MapPost("/", Create).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", async (NotificationDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(SubscriptionView.Of).ToList()));
        group.MapDelete("/{id:guid}", async (Guid id, NotificationDbContext db, CancellationToken ct) =>
            await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0 ? (Results<NoContent, NotFound>)TypedResults.NotFound() : TypedResults.NoContent());
        group.MapPost("/{id:guid}/resume", Resume);
        group.MapGet("/{id:guid}/deliveries", Deliveries);
        group.MapPost("/deliveries/{id:guid}/replay", Replay).Refuses(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<CreatedSubscription>, ProblemHttpResult>> Create(SubscriptionRequest request, ClaimsPrincipal user, NotificationDbContext db, IOptions<NotificationOptions> options,
        WebhookSecrets secrets, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps
            || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback && options.Value.Webhooks.AllowLoopbackHttp)) || url.UserInfo.Length > 0 || request.Url!.Length > 500)
            errors["url"] = ["An absolute https:// address (at most 500 characters, no credentials in it)."];
        else if (await WebhookTargets.RefusalAsync(url, options.Value.Webhooks.AllowLoopbackHttp, ct) is { } refused)
            errors["url"] = [refused];
        if (request.ContactEmail is not { Length: > 3 and <= 320 } || !MailAddress.TryCreate(request.ContactEmail, out _))
            errors["contactEmail"] = ["An e-mail address: told when the subscription is paused."];
        var regions = request.Regions ?? [];
        var departements = request.Departements ?? [];
        if (regions.Any(r => FrenchTerritory.FindRegion(r) is null)) errors["regions"] = ["Région codes (e.g. 76)."];
        if (departements.Any(d => FrenchTerritory.FindDepartement(d) is null)) errors["departements"] = ["Département codes (e.g. 32)."];
        if ((request.Sectors ?? []).Any(s => s.Length is 0 or > 60 || !s.All(c => char.IsAsciiLetterLower(c) || c == '-')))
            errors["sectors"] = ["Sector codes (lower-case letters and hyphens)."];
        if (errors.Count > 0) return Problems.Unprocessable("The subscription is not valid", errors);

        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now), Url = url!.AbsoluteUri, ContactEmail = request.ContactEmail!, Regions = [.. regions], Departements = [.. departements],
            Sectors = [.. request.Sectors ?? []], Secret = WebhookSecrets.NewSalt(),
            Status = SubscriptionStatus.Active, CreatedBy = user.SubjectId(), CreatedAt = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/notifications/webhooks/{subscription.Id}", new CreatedSubscription(SubscriptionView.Of(subscription), secrets.SigningSecret(subscription.Id, subscription.Secret)));
    }

    private static async Task<Results<NoContent, NotFound>> Resume(Guid id, NotificationDbContext db, WebhookWakeUp wakeUp, CancellationToken ct)
    {
        var resumed = await db.WebhookSubscriptions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SubscriptionStatus.Active).SetProperty(s => s.ConsecutiveFailures, 0).SetProperty(s => s.PausedAt, (DateTimeOffset?)null), ct);
        if (resumed == 0) return TypedResults.NotFound();
        wakeUp.Signal();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<WebhookDeliveryView>>, NotFound, ProblemHttpResult>> Deliveries(Guid id, NotificationDbContext db, CancellationToken ct, string? status = null, int limit = 100)
    {
        if (limit is < 1 or > 500) return Problems.BadQuery("limit", "Between 1 and 500.");
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (status is not null)
        {
            if (!Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, out _))
                return Problems.BadQuery("status", "One of: pending, delivered, gaveUp.");
            query = query.Where(d => d.Status == wanted);
        }
        var rows = await query.OrderByDescending(d => d.CreatedAt).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(d => new WebhookDeliveryView(d.Id, d.EventKey, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError,
            d.CreatedAt, d.NextAttemptAt, d.DeliveredAt)).ToList());
    }

    /// <summary>Sends one delivery again (delivered or given up): the same body and id, a new timestamp and signature.</summary>
    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Replay(Guid id, NotificationDbContext db, WebhookWakeUp wakeUp, TimeProvider clock, CancellationToken ct)
    {
        var replayed = await db.WebhookDeliveries.Where(d => d.Id == id && d.Status != WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.NextAttemptAt, clock.GetUtcNow()), ct);
        if (replayed == 0)
        {
            if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == id, ct)) return TypedResults.NotFound();
            return Problems.Conflict("Not replayable", "This delivery is already waiting to be sent.");
        }
        wakeUp.Signal();
        return TypedResults.Accepted((string?)null);
    }
}
