using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Cases;

public sealed record CaseView(
    Guid Id, Guid SubmissionId, int SubmissionVersion, string Title, string CommuneInsee, string Departement, string Region,
    CaseStatus Status, LocationStatus Location, DateTimeOffset OpenedAt, DateTimeOffset? DecidedAt, string? DecidedBy);

public sealed record DecisionRequest(string? Decision, string? Motivation);

public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review/cases").RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review cases");
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/decision", Decide);
        return app;
    }

    private static async Task<Ok<List<CaseView>>> List(ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct, string? departement = null)
    {
        var query = db.Cases.AsNoTracking().Where(ReviewerScope.Of(user).Filter());
        if (departement is not null) query = query.Where(c => c.Departement == departement);
        var cases = await query.OrderBy(c => c.OpenedAt).Take(200).ToListAsync(ct);
        var ids = cases.Select(c => c.SubmissionId).ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.SubmissionId)).ToDictionaryAsync(l => l.SubmissionId, ct);
        return TypedResults.Ok(cases.Select(c => View(c, locations.GetValueOrDefault(c.SubmissionId))).ToList());
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> Get(Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        var reviewCase = await db.Cases.AsNoTracking().Where(ReviewerScope.Of(user).Filter()).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        return TypedResults.Ok(View(reviewCase, await LocationOf(db, reviewCase, ct)));
    }

    private static async Task<Results<Ok<CaseView>, NotFound, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = request.Decision switch
        {
            "label" => CaseStatus.Labelled,
            "refuse" => CaseStatus.Refused,
            "request_changes" => CaseStatus.ChangesRequested,
            _ => (CaseStatus?)null,
        };
        if (outcome is null) errors["decision"] = ["One of: label, refuse, request_changes."];
        if (outcome is CaseStatus.Refused or CaseStatus.ChangesRequested && string.IsNullOrWhiteSpace(request.Motivation))
            errors["motivation"] = ["Required to refuse or to request changes."];
        if (request.Motivation is { Length: > 2000 }) errors["motivation"] = ["At most 2000 characters."];
        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = "The decision is not valid" });
        }

        var reviewCase = await db.Cases.Where(ReviewerScope.Of(user).Filter()).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        if (reviewCase.Status != CaseStatus.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Case already decided",
                detail: $"Version {reviewCase.SubmissionVersion} of this submission is {reviewCase.Status}.");
        }

        var now = clock.GetUtcNow();
        var reviewer = user.SubjectId();
        (reviewCase.Status, reviewCase.DecidedAt, reviewCase.DecidedBy, reviewCase.Motivation) = (outcome!.Value, now, reviewer, request.Motivation);
        object decided = outcome switch
        {
            CaseStatus.Labelled => new LabelGranted(reviewCase.SubmissionId, reviewCase.SubmissionVersion, reviewCase.Id, reviewer, now),
            CaseStatus.Refused => new LabelRefused(reviewCase.SubmissionId, reviewCase.SubmissionVersion, reviewCase.Id, reviewer, request.Motivation!, now),
            _ => new ChangesRequested(reviewCase.SubmissionId, reviewCase.SubmissionVersion, reviewCase.Id, reviewer, request.Motivation!, now),
        };
        db.AddToOutbox(decided);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Case changed meanwhile",
                detail: "Another decision or update reached this case first; reload it.");
        }
        return TypedResults.Ok(View(reviewCase, await LocationOf(db, reviewCase, ct)));
    }

    private static Task<VenueLocationStatus?> LocationOf(ReviewDbContext db, ReviewCase reviewCase, CancellationToken ct) =>
        db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.SubmissionId == reviewCase.SubmissionId, ct);

    private static CaseView View(ReviewCase c, VenueLocationStatus? location) => new(c.Id, c.SubmissionId, c.SubmissionVersion, c.Title,
        c.CommuneInsee, c.Departement, c.Region, c.Status, location?.Status ?? LocationStatus.Unknown, c.OpenedAt, c.DecidedAt, c.DecidedBy);
}
