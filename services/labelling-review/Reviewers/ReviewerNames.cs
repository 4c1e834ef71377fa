using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Reviewers;

/// <summary>The name a committee member goes by (their token's <c>name</c>), so that colleagues read who holds, noted or decided.</summary>
public sealed class ReviewerName
{
    public required string Subject { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>
/// Cases record who acted by subject (stable, opaque); people read names. A reviewer's name is remembered
/// (upserted) whenever they change something here, and looked up when cases are read. Civil servants'
/// names in their professional role, kept with the audit they explain (docs/privacy.md).
/// </summary>
public static class ReviewerNames
{
    public const int NameMax = 200;

    /// <summary>An endpoint filter: before any change (not GET), remember the caller's current name.</summary>
    public static TBuilder RemembersActors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated == true)
            {
                await RememberAsync(http.RequestServices.GetRequiredService<ReviewDbContext>(), http.User,
                    http.RequestServices.GetRequiredService<DomainClock>().GetUtcNow(), http.RequestAborted);
            }
            return await next(context);
        });

    public static async Task RememberAsync(ReviewDbContext db, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var subject = user.SubjectId();
        var name = user.FindFirstValue("name") is { Length: > 0 } n ? n[..Math.Min(n.Length, NameMax)] : null;
        if (name is null) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reviewer_names (subject, name, seen_at) VALUES ({subject}, {name}, {now})
            ON CONFLICT (subject) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at
            WHERE reviewer_names.name IS DISTINCT FROM excluded.name
            """, ct);
    }

    public static async Task<Dictionary<string, string>> OfAsync(ReviewDbContext db, IEnumerable<string?> subjects, CancellationToken ct)
    {
        var wanted = subjects.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        var names = await db.ReviewerNames.AsNoTracking().Where(r => wanted.Contains(r.Subject)).ToDictionaryAsync(r => r.Subject, r => r.Name, ct);
        // A colleague handed a case before they ever acted here: the name the committees' copy has of them.
        var unknown = wanted.Where(s => !names.ContainsKey(s)).ToList();
        if (unknown.Count == 0) return names;
        foreach (var person in await db.People.AsNoTracking().Where(p => unknown.Contains(p.UserId) && p.DisplayName != "").Select(p => new { p.UserId, p.DisplayName }).ToListAsync(ct))
            names[person.UserId] = person.DisplayName;
        return names;
    }
}
