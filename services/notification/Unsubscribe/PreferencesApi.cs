using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Notification.Unsubscribe;

/// <summary>
/// Each person chooses which mails they get (their token's subject; the same choices as the unsubscribe
/// links make). Every kind is on until turned off.
/// </summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications/preferences").RequireAuthorization().WithTags("Preferences").WithPlatformAnswers();
        group.MapGet("/", Get);
        group.MapPut("/", Put).Refuses(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<List<PreferenceView>>> Get(ClaimsPrincipal user, NotificationDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, user.SubjectId(), ct));

    private static async Task<Results<Ok<List<PreferenceView>>, ProblemHttpResult>> Put(PreferencesRequest request, ClaimsPrincipal user, NotificationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var unknown = (request.Kinds ?? []).Keys.Where(k => !Kinds.All.Contains(k)).ToList();
        if (request.Kinds is null || unknown.Count > 0)
            return Problems.Unprocessable("The preferences are not valid", new Dictionary<string, string[]>
            {
                ["kinds"] = [$"An object of kind → true/false; kinds: {string.Join(", ", Kinds.All)}." + (unknown.Count > 0 ? $" Unknown: {string.Join(", ", unknown)}." : "")],
            });
        var me = user.SubjectId();
        var off = request.Kinds.Where(k => !k.Value).Select(k => k.Key).ToList();
        var on = request.Kinds.Where(k => k.Value).Select(k => k.Key).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Unsubscriptions.Where(u => u.RecipientId == me && on.Contains(u.Kind)).ExecuteDeleteAsync(ct);
        foreach (var kind in off)
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO unsubscriptions (recipient_id, kind, at) VALUES ({me}, {kind}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, me, ct));
    }

    private static async Task<List<PreferenceView>> ViewAsync(NotificationDbContext db, string me, CancellationToken ct)
    {
        var off = await db.Unsubscriptions.AsNoTracking().Where(u => u.RecipientId == me).Select(u => u.Kind).ToListAsync(ct);
        return Kinds.All.Select(k => new PreferenceView(k, !off.Contains(k))).ToList();
    }
}
