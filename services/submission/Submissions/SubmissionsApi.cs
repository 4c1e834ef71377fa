using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Domain;
using SemaineIndustrie.ServiceDefaults.Web;
using SemaineIndustrie.Submission.Editions;
using SemaineIndustrie.Submission.Pictures;
using SemaineIndustrie.Territory;

namespace SemaineIndustrie.Submission.Submissions;

/// <summary>
/// The organiser's API. An organiser only ever sees their organisation's submissions: anything else is
/// 404, exactly like a submission that does not exist.
/// </summary>
public static class SubmissionsApi
{
    public const int DefaultPageSize = 20, MaxPageSize = 100;

    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/submissions").RequireAuthorization(PlatformClaims.OrganiserPolicy).WithTags("Submissions").WithPlatformAnswers();
        group.MapPost("/", Create).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/batch", BatchSubmissionsApi.Submit).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get).AlsoAnswers(StatusCodes.Status304NotModified);
        group.MapGet("/{id:guid}/history", History);
        group.MapGet("/{id:guid}/carry-over", CarryOverInto).Refuses(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{id:guid}", Revise).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/withdraw", Withdraw).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return app;
    }

    private static async Task<Results<Created<SubmissionView>, ProblemHttpResult>> Create(
        SubmissionRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions, DomainClock clock, HttpContext http, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        string? requestHash = null;
        if (idempotencyKey is not null)
        {
            if (SubmissionIntake.CheckKey(idempotencyKey) is { } keyProblem)
            {
                return Problems.Field(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", "Idempotency-Key", keyProblem);
            }
            requestHash = SubmissionIntake.Hash(request);
            if (await SubmissionIntake.UsedKeyAsync(db, organiser, idempotencyKey, ct) is { } used)
            {
                return await Replay(used, requestHash, db, http, ct);
            }
        }

        var now = clock.GetUtcNow();
        var pictures = await PictureShelf.ForAsync(db, organiser, request, ct);
        var validation = LabellingRules.Validate(request, editions, CommuneDirectory.Instance, now, pictures);
        if (validation.Valid is not { } valid) return Rejected(validation);

        var (submission, version) = SubmissionIntake.Stage(db, valid, organiser, user.SubjectId(), idempotencyKey, requestHash, now, pictures);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (idempotencyKey is not null && SubmissionIntake.IsUniqueViolation(ex))
        {
            // The same key raced us: answer as its first use did.
            db.ChangeTracker.Clear();
            var used = await db.IdempotencyKeys.AsNoTracking().SingleAsync(k => k.OrganiserId == organiser && k.Key == idempotencyKey, ct);
            return await Replay(used, requestHash!, db, http, ct);
        }

        http.Response.Headers.ETag = submission.ETag;
        return TypedResults.Created($"/api/submissions/{submission.Id}", submission.View(version));
    }

    /// <summary>Same key, same request: the same 201 (the submission as it is now). Same key, another request: 422.</summary>
    private static async Task<Results<Created<SubmissionView>, ProblemHttpResult>> Replay(IdempotencyKey used, string requestHash, SubmissionDbContext db, HttpContext http, CancellationToken ct)
    {
        if (used.RequestHash != requestHash)
        {
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key already used", "Idempotency-Key",
                "This key was already used for a different submission; use a new key for a new submission.");
        }
        var submission = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == used.SubmissionId, ct);
        var latest = await LatestVersion(db, submission, ct);
        http.Response.Headers.ETag = submission.ETag;
        return TypedResults.Created($"/api/submissions/{submission.Id}", submission.View(latest));
    }

    private static async Task<Results<Ok<SubmissionPage>, ProblemHttpResult>> List(
        ClaimsPrincipal user, SubmissionDbContext db, CancellationToken ct,
        string? status = null, int limit = DefaultPageSize, string? cursor = null)
    {
        SubmissionStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<SubmissionStatus>(status, ignoreCase: true, out var parsedStatus) || int.TryParse(status, out _))
                return Problems.Field(StatusCodes.Status400BadRequest, "Invalid status", "status",
                    "One of: " + string.Join(", ", Enum.GetValues<SubmissionStatus>().Select(ContractCodes.Of)) + ".");
            wanted = parsedStatus;
        }
        if (limit is < 1 or > MaxPageSize)
            return Problems.Field(StatusCodes.Status400BadRequest, "Invalid limit", "limit", $"Between 1 and {MaxPageSize}.");
        Guid? after = null;
        if (cursor is not null)
        {
            if (!Guid.TryParse(cursor, out var parsed)) return Problems.Field(StatusCodes.Status400BadRequest, "Invalid cursor", "cursor", TimeCursor.Expected);
            after = parsed;
        }

        var organiser = user.OrganiserId();
        var query = db.Submissions.AsNoTracking().Where(s => s.OrganiserId == organiser);
        if (wanted is not null) query = query.Where(s => s.Status == wanted);
        if (after is not null) query = query.Where(s => s.Id.CompareTo(after.Value) < 0);
        // Ids are time-ordered (UUIDv7): newest first, and the last id is the cursor.
        var page = await query.OrderByDescending(s => s.Id).Take(limit + 1).ToListAsync(ct);
        var items = page.Take(limit).Select(s => new SubmissionSummary(s.Id, s.Version, s.Status, s.Title, s.Edition, s.StartsAt,
            s.CommuneInsee, s.Departement, s.Region, s.UpdatedAt)).ToList();
        return TypedResults.Ok(new SubmissionPage(items, page.Count > limit ? items[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<SubmissionView>, NotFound, StatusCodeHttpResult>> Get(Guid id, ClaimsPrincipal user, SubmissionDbContext db, HttpContext http, CancellationToken ct)
    {
        var submission = await Own(db, id, user, tracking: false, ct);
        if (submission is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = submission.ETag;
        if (http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch && submission.MatchesIfNoneMatch(ifNoneMatch))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(submission.View(await LatestVersion(db, submission, ct)));
    }

    /// <summary>The submission's timeline, oldest first: every status it entered, for which version, with the reviewers' message.</summary>
    private static async Task<Results<Ok<List<StatusChangeView>>, NotFound>> History(Guid id, ClaimsPrincipal user, SubmissionDbContext db, CancellationToken ct)
    {
        if (await Own(db, id, user, tracking: false, ct) is null) return TypedResults.NotFound();
        var steps = await db.StatusChanges.AsNoTracking().Where(h => h.SubmissionId == id).OrderBy(h => h.Id)
            .Select(h => new StatusChangeView(h.Status, h.Version, h.Message, h.At)).ToListAsync(ct);
        return TypedResults.Ok(steps);
    }

    /// <summary>
    /// "Reconduire": one of the organisation's demands as a new demand's request for <paramref name="edition"/> (by default the
    /// first edition after the demand's own that accepts submissions now). Nothing is stored: the organiser reviews the
    /// request and posts it.
    /// </summary>
    private static async Task<Results<Ok<CarryOverView>, NotFound, ProblemHttpResult>> CarryOverInto(
        Guid id, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions, DomainClock clock, CancellationToken ct, int? edition = null)
    {
        var submission = await Own(db, id, user, tracking: false, ct);
        if (submission is null) return TypedResults.NotFound();
        var content = (await LatestVersion(db, submission, ct)).Read();
        var now = clock.GetUtcNow();
        var target = edition is { } year ? editions.ByYear(year) : editions.Open().FirstOrDefault(e => e.Year > content.Event.Edition.Year);
        if (target is null || !target.AcceptsSubmissionsAt(now))
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "No edition to carry over into", "edition", edition is null
                ? $"No edition after {content.Event.Edition.Year} accepts submissions now."
                : $"The {edition} edition does not accept submissions now.");
        if (content.Event.Edition.Year == target.Year)
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Already of this edition", "edition",
                $"This demand is of the {target.Year} edition already: duplicate it instead.");
        return TypedResults.Ok(CarryOver.Into(submission.Id, content.Event, content.PrivateContact, target));
    }

    /// <summary>A new version; If-Match is required (428 without it, 412 when stale).</summary>
    private static async Task<Results<Ok<SubmissionView>, NotFound, ProblemHttpResult>> Revise(
        Guid id, SubmissionRequest request, ClaimsPrincipal user, SubmissionDbContext db, EditionCatalog editions,
        DomainClock clock, HttpContext http, CancellationToken ct)
    {
        var pictures = await PictureShelf.ForAsync(db, user.OrganiserId(), request, ct);
        return await ChangeAsync(db, id, user, http, ifMatchRequired: true, ct, submission =>
        {
            submission.EnsureRevisable(); // a withdrawn submission is 409 whatever the new content
            var now = clock.GetUtcNow();
            var validation = LabellingRules.Validate(request, editions, CommuneDirectory.Instance, now, pictures);
            if (validation.Valid is not { } valid) return Rejected(validation);

            var revised = submission.Revise(valid.Event, now);
            db.Versions.Add(SubmissionVersion.Of(submission.Id, submission.Version, valid, user.SubjectId(), now));
            db.AddToOutbox(revised);
            pictures.Attach(db, submission.Id, submission.Version, valid.Event, now);
            return null;
        });
    }

    /// <summary>Withdraws the event (If-Match optional); it leaves the review queue and the public map.</summary>
    private static Task<Results<Ok<SubmissionView>, NotFound, ProblemHttpResult>> Withdraw(Guid id, ClaimsPrincipal user, SubmissionDbContext db, DomainClock clock, HttpContext http, CancellationToken ct) =>
        ChangeAsync(db, id, user, http, ifMatchRequired: false, ct, submission =>
        {
            db.AddToOutbox(submission.Withdraw(clock.GetUtcNow()));
            return null;
        });

    /// <summary>
    /// Loads the organiser's submission, checks If-Match, applies <paramref name="change"/> (which returns a
    /// problem to refuse) and saves. Review news (a status update) may touch the same row meanwhile: that
    /// conflict is not the organiser's, so the change is re-read, re-checked against If-Match and retried.
    /// Two organisers' changes of one version still cannot both win: the second gets 412.
    /// </summary>
    private static async Task<Results<Ok<SubmissionView>, NotFound, ProblemHttpResult>> ChangeAsync(SubmissionDbContext db, Guid id, ClaimsPrincipal user, HttpContext http, bool ifMatchRequired,
        CancellationToken ct, Func<EventSubmission, ProblemHttpResult?> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var submission = await Own(db, id, user, tracking: true, ct);
            if (submission is null) return TypedResults.NotFound();
            if (Precondition(http, submission, ifMatchRequired) is { } failed) return failed;
            if (change(submission) is { } refused) return refused; // an entity's refusal (TransitionRefused) is answered 409 by the service defaults
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            catch (Exception ex) when (ex is DbUpdateConcurrencyException || (ex is DbUpdateException update && SubmissionIntake.IsUniqueViolation(update)))
            {
                return Problems.PreconditionFailed("The submission has changed", "Someone changed this submission at the same time. Read it again, then retry.");
            }

            http.Response.Headers.ETag = submission.ETag;
            return TypedResults.Ok(submission.View(await LatestVersion(db, submission, ct)));
        }
    }

    private static Task<EventSubmission?> Own(SubmissionDbContext db, Guid id, ClaimsPrincipal user, bool tracking, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var query = tracking ? db.Submissions : db.Submissions.AsNoTracking();
        return query.SingleOrDefaultAsync(s => s.Id == id && s.OrganiserId == organiser, ct);
    }

    private static Task<SubmissionVersion> LatestVersion(SubmissionDbContext db, EventSubmission submission, CancellationToken ct) =>
        db.Versions.AsNoTracking().SingleAsync(v => v.SubmissionId == submission.Id && v.Version == submission.Version, ct);

    private static ProblemHttpResult? Precondition(HttpContext http, EventSubmission submission, bool required)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return required
                ? Problems.Field(StatusCodes.Status428PreconditionRequired, "If-Match required", "If-Match",
                    $"Send the ETag you last read (currently {submission.ETag}) in If-Match, so that no one's changes are overwritten.")
                : null;
        }
        return submission.MatchesIfMatch(ifMatch)
            ? null
            : Problems.PreconditionFailed("The submission has changed", $"Your copy is out of date: the current version is {submission.ETag}. Read it again, then retry.");
    }

    /// <summary>422 with every field at fault, and the communes to choose from when the venue was ambiguous.</summary>
    internal static ProblemHttpResult Rejected(SubmissionValidation validation) =>
        Problems.Invalid(StatusCodes.Status422UnprocessableEntity, "The submission cannot be accepted", validation.Errors, "Correct the fields listed in 'errors'.",
            validation.CommuneCandidates.Count == 0 ? null : new Dictionary<string, object?>
            {
                ["communeCandidates"] = validation.CommuneCandidates.Take(100)
                    .Select(SubmissionViews.Candidate),
            });

}
