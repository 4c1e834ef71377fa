using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts.Submissions;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Submission.Submissions;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Drafts;

/// <summary>
/// Drafts (/api/drafts): an organisation's demands being written, by its pages (saved explicitly and every few seconds) or
/// an integration. Another organisation's draft does not exist (404). Nothing is checked before submission but what any
/// request body is (its size, its text); submitting checks every labelling rule and creates the demand.
/// </summary>
public static class DraftsApi
{
    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/drafts").RequireAuthorization(PlatformClaims.OrganiserPolicy).WithTags("Drafts").WithPlatformAnswers();
        group.MapPost("/", Create).Refuses(StatusCodes.Status409Conflict);
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPut("/{id:guid}", Change);
        group.MapDelete("/{id:guid}", Delete);
        group.MapPost("/{id:guid}/submission", Submit).Refuses(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Created<DraftView>, ProblemHttpResult>> Create(SubmissionRequest request, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog editions, DomainClock clock, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        if (await db.Drafts.CountAsync(d => d.OrganiserId == organiser, ct) >= Draft.MaxPerOrganisation)
            return Problems.Conflict("Too many drafts", $"An organisation keeps at most {Draft.MaxPerOrganisation} drafts: submit or delete some first.");
        var now = clock.GetUtcNow();
        var draft = new Draft { Id = Guid.CreateVersion7(now), OrganiserId = organiser, CreatedBy = user.SubjectId(), CreatedAt = now };
        draft.Write(request, now);
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/drafts/{draft.Id}", await ViewAsync(db, draft, editions, now, ct));
    }

    /// <summary>The organisation's drafts, most recently saved first, with what each still lacks.</summary>
    private static async Task<Ok<List<DraftSummary>>> List(ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions, DomainClock clock, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.OrganiserId == organiser).OrderByDescending(d => d.UpdatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var pictures = await PictureShelf.ForAsync(db, organiser, drafts.Select(d => d.Request), ct);
        return TypedResults.Ok(drafts.Select(d => new DraftSummary(d.Id, d.Title, d.EditionIn(editions)?.Year, d.UpdatedAt,
            Missing(d.Request, editions, now, pictures).Keys.Order(StringComparer.Ordinal).ToList())).ToList());
    }

    private static async Task<Results<Ok<DraftView>, NotFound>> Get(Guid id, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions, DomainClock clock, CancellationToken ct) =>
        await Own(db, id, user, ct) is { } draft ? TypedResults.Ok(await ViewAsync(db, draft, editions, clock.GetUtcNow(), ct)) : TypedResults.NotFound();

    /// <summary>The draft as it is now typed (the whole request: a field left out is emptied).</summary>
    private static async Task<Results<Ok<DraftView>, NotFound>> Change(Guid id, SubmissionRequest request, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog editions, DomainClock clock, CancellationToken ct)
    {
        // The page's autosave and its send may save the same draft at the same moment: each is the whole form, so the row
        // is held while it is written and the later save is written over the earlier one (never "not found" for a draft
        // that exists). A draft submitted or deleted meanwhile is not found.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await HeldAsync(db, id, user, ct) is not { } draft) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        draft.Write(request, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, draft, editions, now, ct));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal user, SubmissionDbContext db, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        return await db.Drafts.Where(d => d.Id == id && d.OrganiserId == organiser).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>
    /// The draft becomes a demand (every rule checked; 422 with the fields at fault, the draft kept) and is removed, in one
    /// transaction. The row is held meanwhile: a save waits and then finds it gone, and the same draft sent twice at once
    /// (a double click) is created once, the second send finding no draft.
    /// </summary>
    private static async Task<Results<Created<SubmissionView>, NotFound, ProblemHttpResult>> Submit(Guid id, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog editions, DomainClock clock, HttpContext http, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await HeldAsync(db, id, user, ct) is not { } draft) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        var pictures = await PictureShelf.ForAsync(db, draft.OrganiserId, draft.Request, ct);
        var validation = LabellingRules.Validate(draft.Request, editions, CommuneDirectory.Instance, now, pictures);
        if (validation.Valid is not { } valid) return SubmissionsApi.Rejected(validation);
        var (submission, version) = SubmissionIntake.Stage(db, valid, draft.OrganiserId, user.SubjectId(), null, null, now, pictures);
        db.Drafts.Remove(draft);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        http.Response.Headers.ETag = submission.ETag;
        return TypedResults.Created($"/api/submissions/{submission.Id}", submission.View(version));
    }

    /// <summary>The organisation's draft, its row held until the transaction ends (a save or a send of it waits for this one).</summary>
    private static Task<Draft?> HeldAsync(SubmissionDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        return db.Drafts.FromSql($"SELECT *, xmin FROM drafts WHERE id = {id} AND organiser_id = {organiser} FOR UPDATE").SingleOrDefaultAsync(ct);
    }

    private static Task<Draft?> Own(SubmissionDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        return db.Drafts.SingleOrDefaultAsync(d => d.Id == id && d.OrganiserId == organiser, ct);
    }

    private static async Task<DraftView> ViewAsync(SubmissionDbContext db, Draft draft, EditionCatalog editions, DateTimeOffset now, CancellationToken ct)
    {
        var request = draft.Request;
        var pictures = await PictureShelf.ForAsync(db, draft.OrganiserId, request, ct);
        return new DraftView(draft.Id, draft.EditionIn(editions)?.Year, draft.CreatedAt, draft.UpdatedAt, request, Missing(request, editions, now, pictures));
    }

    /// <summary>What the labelling rules would refuse now, by field.</summary>
    private static Dictionary<string, string[]> Missing(SubmissionRequest request, EditionCatalog editions, DateTimeOffset now, PictureShelf pictures) =>
        LabellingRules.Validate(request, editions, CommuneDirectory.Instance, now, pictures).Errors;
}
