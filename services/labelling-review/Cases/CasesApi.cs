using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Editions;
using SemaineIndustrie.LabellingReview.Reviewers;
using SemaineIndustrie.LabellingReview.Search;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Cases;

public static class CasesApi
{
    public const int DefaultPageSize = 50, MaxPageSize = 200;

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review/cases").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review cases").RemembersActors().WithPlatformAnswers();
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/audit", Audit);
        return group;
    }

    /// <summary>
    /// The cases in scope, oldest version first, filtered by département, status (pending, claimed,
    /// changesRequested, labelled, refused, withdrawn, decided), sector, event dates, overdue and words (<c>q</c>: title, organiser,
    /// venue, commune or case number, accents ignored), by cursor — of one edition:
    /// the one named, else the current one.
    /// </summary>
    private static async Task<Results<Ok<CasePage>, ProblemHttpResult>> List(
        ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct,
        string? departement = null, string? status = null, string? sector = null, DateOnly? from = null, DateOnly? to = null,
        bool? overdue = null, int? edition = null, int limit = DefaultPageSize, string? cursor = null, string? q = null)
    {
        if (limit is < 1 or > MaxPageSize) return Problems.BadQuery("limit", $"Between 1 and {MaxPageSize}.");
        if (Search.CaseSearch.Refused(q) is { } badQuery) return Problems.BadQuery("q", badQuery);
        if (KnownEdition.Refused(edition) is { } refused) return refused;
        var now = clock.GetUtcNow();
        var query = db.Cases.AsNoTracking().InScope(user).OfEdition(await KnownEdition.ChosenAsync(db, edition, now, ct)).Matching(q);
        if (departement is not null) query = query.Where(c => c.Departement == departement);
        if (sector is not null) query = query.Where(c => c.Sectors.Contains(sector));
        if (from is not null) query = query.Where(c => c.EventDay >= from);
        if (to is not null) query = query.Where(c => c.EventDay <= to);
        if (overdue == true) query = query.Where(c => c.Status == CaseStatus.Pending && c.DueAt < now);
        switch (status?.ToLowerInvariant())
        {
            case null: break;
            case "pending": query = query.Where(c => c.Status == CaseStatus.Pending); break;
            case "claimed": query = query.Where(c => c.Status == CaseStatus.Pending && c.ClaimedBy != null && c.ClaimExpiresAt > now); break;
            case "unclaimed": query = query.Where(c => c.Status == CaseStatus.Pending && (c.ClaimedBy == null || c.ClaimExpiresAt <= now)); break;
            case "changesrequested": query = query.Where(c => c.Status == CaseStatus.ChangesRequested); break;
            case "labelled": query = query.Where(c => c.Status == CaseStatus.Labelled); break;
            case "refused": query = query.Where(c => c.Status == CaseStatus.Refused); break;
            case "decided": query = query.Where(c => c.Status == CaseStatus.Labelled || c.Status == CaseStatus.Refused); break;
            case "withdrawn": query = query.Where(c => c.Status == CaseStatus.Withdrawn); break;
            default: return Problems.BadQuery("status", "One of: pending, claimed, unclaimed, changesRequested, labelled, refused, decided, withdrawn.");
        }
        if (cursor is not null)
        {
            if (!TimeCursor.TryParse(cursor, out var after)) return Problems.BadQuery("cursor", TimeCursor.Expected);
            var (at, last) = after;
            query = query.Where(c => c.VersionReceivedAt > at || (c.VersionReceivedAt == at && c.Id.CompareTo(last) > 0));
        }

        var page = await query.OrderBy(c => c.VersionReceivedAt).ThenBy(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var cases = page.Take(limit).ToList();
        var ids = cases.Select(c => c.SubmissionId).ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.SubmissionId)).ToDictionaryAsync(l => l.SubmissionId, ct);
        var next = page.Count > limit ? new TimeCursor(cases[^1].VersionReceivedAt, cases[^1].Id).ToString() : null;
        return TypedResults.Ok(new CasePage(cases.Select(c => CaseViews.Summary(c, locations.GetValueOrDefault(c.SubmissionId), now)).ToList(), next));
    }

    private static async Task<Results<Ok<CaseDetail>, NotFound>> Get(Guid id, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var reviewCase = await db.Cases.AsNoTracking().InScope(user).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        return TypedResults.Ok(await DetailAsync(db, reviewCase, clock.GetUtcNow(), ct));
    }

    /// <summary>A case with what its page shows around it: the venue's location, the notes, the names of who acted.</summary>
    internal static async Task<CaseDetail> DetailAsync(ReviewDbContext db, ReviewCase reviewCase, DateTimeOffset now, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.SubmissionId == reviewCase.SubmissionId, ct);
        var notes = await db.Notes.AsNoTracking().Where(n => n.CaseId == reviewCase.Id).ToListAsync(ct);
        var people = await ReviewerNames.OfAsync(db, [reviewCase.ClaimedBy, reviewCase.DecidedBy, .. notes.Select(n => n.Author)], ct);
        return CaseViews.Detail(reviewCase, location, notes, people, now);
    }

    /// <summary>Who did what, when, on which version — oldest first.</summary>
    private static async Task<Results<Ok<List<AuditEntryView>>, NotFound>> Audit(Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        if (!await db.Cases.InScope(user).AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var entries = await db.Audit.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id)
            .Select(a => new AuditEntryView(a.At, a.Actor, a.Action, a.SubmissionVersion, a.Detail, null)).ToListAsync(ct);
        var people = await ReviewerNames.OfAsync(db, entries.Select(e => e.Actor), ct);
        return TypedResults.Ok(entries.Select(e => e with { ActorName = people.GetValueOrDefault(e.Actor) }).ToList());
    }
}
