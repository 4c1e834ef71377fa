using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Submission.Editions;

public static class EditionsApi
{
    /// <summary>
    /// Public: the published editions' dates, theme, sectors, audiences and focus tags, for the map and organisers' forms.
    /// National admins (the DGE): every edition with its audit trail; create, change, publish and delete one.
    /// </summary>
    public static IEndpointRouteBuilder MapEditionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/editions").AllowAnonymous().WithTags("Editions").WithPlatformAnswers(signedIn: false)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
                return await next(context);
            });
        group.MapGet("/", (EditionCatalog catalog) => TypedResults.Ok(catalog.All));
        group.MapGet("/current", Results<Ok<Edition>, NotFound> (EditionCatalog catalog) =>
            catalog.Current() is { } edition ? TypedResults.Ok(edition) : TypedResults.NotFound());
        group.MapGet("/open", (EditionCatalog catalog) => TypedResults.Ok(catalog.Open()));
        group.MapGet("/{year:int}", Results<Ok<Edition>, NotFound> (int year, EditionCatalog catalog) =>
            catalog.ByYear(year) is { } edition ? TypedResults.Ok(edition) : TypedResults.NotFound());

        var admin = app.MapGroup("/api/editions").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Editions").WithPlatformAnswers()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapGet("/admin", Everything);
        admin.MapPost("/", Create).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        admin.MapPut("/{year:int}", Change).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{year:int}/publication", Publish);
        admin.MapDelete("/{year:int}", Delete).Refuses(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<EditionsAdminView>> Everything(SubmissionDbContext db, EditionCatalog catalog, CancellationToken ct)
    {
        await catalog.ReloadAsync(db, ct); // what this admin wrote a moment ago, even on another replica
        var changes = await db.EditionChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(200)
            .Select(c => new EditionChangeView(c.Year, c.At, c.By, c.ByName, c.Action)).ToListAsync(ct);
        return TypedResults.Ok(new EditionsAdminView(catalog.Everything, changes));
    }

    private static async Task<Results<Created<Edition>, ProblemHttpResult>> Create(EditionRequest request, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog catalog, CancellationToken ct)
    {
        var others = await OthersAsync(db, request.Year, ct);
        var errors = EditionRules.Validate(request, others, new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
        if (errors.Count > 0) return Rejected(errors);
        if (await db.Editions.AnyAsync(e => e.Year == request.Year, ct))
            return Problems.Conflict("The edition exists", $"There is already a {request.Year} edition: change it rather than create it.");
        var now = DateTimeOffset.UtcNow;
        var record = new EditionRecord { Year = request.Year, Revision = 1, CreatedAt = now, CreatedBy = user.SubjectId(), UpdatedAt = now, UpdatedBy = user.SubjectId() };
        record.Write(request);
        db.Editions.Add(record);
        Audit(db, record, user, "created", now);
        await db.SaveChangesAsync(ct);
        await catalog.ReloadAsync(db, ct);
        return TypedResults.Created($"/api/editions/{record.Year}", record.ToEdition());
    }

    private static async Task<Results<Ok<Edition>, NotFound, ProblemHttpResult>> Change(int year, EditionRequest request, ClaimsPrincipal user, SubmissionDbContext db,
        EditionCatalog catalog, CancellationToken ct)
    {
        var record = await db.Editions.SingleOrDefaultAsync(e => e.Year == year, ct);
        if (record is null) return TypedResults.NotFound();
        if (request.Year != year) return Rejected(new Dictionary<string, string[]> { ["year"] = [$"An edition keeps its year ({year})."] });
        var errors = EditionRules.Validate(request, await OthersAsync(db, year, ct), await UsedAsync(db, year, "sectors", ct), await UsedAsync(db, year, "audiences", ct),
            await UsedAsync(db, year, "focusTags", ct));
        if (errors.Count > 0) return Rejected(errors);
        var now = DateTimeOffset.UtcNow;
        record.Write(request);
        (record.Revision, record.UpdatedAt, record.UpdatedBy) = (record.Revision + 1, now, user.SubjectId());
        Audit(db, record, user, "changed", now);
        if (record.Published) db.AddToOutbox(new EditionPublished(record.ToEdition(), record.Revision, now));
        if (await SavedAsync(db, ct) is { } conflict) return conflict;
        await catalog.ReloadAsync(db, ct);
        return TypedResults.Ok(record.ToEdition());
    }

    private static async Task<Results<Ok<Edition>, NotFound, ProblemHttpResult>> Publish(int year, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog catalog, CancellationToken ct)
    {
        var record = await db.Editions.SingleOrDefaultAsync(e => e.Year == year, ct);
        if (record is null) return TypedResults.NotFound();
        if (record.Published) return TypedResults.Ok(record.ToEdition()); // already: nothing to say again
        var now = DateTimeOffset.UtcNow;
        (record.Published, record.Revision, record.UpdatedAt, record.UpdatedBy) = (true, record.Revision + 1, now, user.SubjectId());
        Audit(db, record, user, "published", now);
        db.AddToOutbox(new EditionPublished(record.ToEdition(), record.Revision, now));
        if (await SavedAsync(db, ct) is { } conflict) return conflict;
        await catalog.ReloadAsync(db, ct);
        return TypedResults.Ok(record.ToEdition());
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(int year, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog catalog, CancellationToken ct)
    {
        var record = await db.Editions.SingleOrDefaultAsync(e => e.Year == year, ct);
        if (record is null) return TypedResults.NotFound();
        if (await db.Submissions.AnyAsync(s => s.Edition == year, ct))
            return Problems.Conflict("The edition has submissions", $"Submissions were made for {year}: the edition stays (change it instead).");
        var now = DateTimeOffset.UtcNow;
        db.Editions.Remove(record);
        Audit(db, record, user, "deleted", now);
        if (record.Published) db.AddToOutbox(new EditionRemoved(year, record.Revision + 1, now));
        if (await SavedAsync(db, ct) is { } conflict) return conflict;
        await catalog.ReloadAsync(db, ct);
        return TypedResults.NoContent();
    }

    private static void Audit(SubmissionDbContext db, EditionRecord record, ClaimsPrincipal user, string action, DateTimeOffset at) =>
        db.EditionChanges.Add(new EditionChange { Year = record.Year, At = at, By = user.SubjectId(), ByName = user.FindFirstValue("name"), Action = action, Details = record.Content });

    private static async Task<ProblemHttpResult?> SavedAsync(SubmissionDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The edition has changed", "Someone changed this edition at the same time. Read it again, then retry.");
        }
    }

    private static async Task<List<Edition>> OthersAsync(SubmissionDbContext db, int year, CancellationToken ct) =>
        (await db.Editions.AsNoTracking().Where(e => e.Year != year).ToListAsync(ct)).Select(e => e.ToEdition()).ToList();

    /// <summary>The sector, audience or focus tag codes the submissions of <paramref name="year"/> use, in any version.</summary>
    private static async Task<IReadOnlySet<string>> UsedAsync(SubmissionDbContext db, int year, string list, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT jsonb_array_elements_text(v.content -> 'event' -> {list}) AS "Value"
            FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
            WHERE s.edition = {year}
            """).ToListAsync(ct)).ToHashSet();

    private static ProblemHttpResult Rejected(IDictionary<string, string[]> errors) =>
        Problems.Invalid(StatusCodes.Status422UnprocessableEntity, "The edition cannot be accepted", errors, "Correct the fields listed in 'errors'.");
}
