using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.Submission.Submissions;

public sealed record SubmissionView(Guid Id, int Version, SubmissionStatus Status, EventDetails Event, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/submissions").RequireAuthorization(PlatformClaims.OrganiserPolicy).WithTags("Submissions");
        group.MapPost("/", Create);
        group.MapGet("/", ListOwn);
        group.MapGet("/{id:guid}", Get);
        return app;
    }

    private static async Task<Results<Created<SubmissionView>, ProblemHttpResult>> Create(
        SubmissionRequest request, ClaimsPrincipal user, SubmissionDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The submission is not valid",
            });
        }

        var now = clock.GetUtcNow();
        var details = request.ToDetails();
        var submission = new EventSubmission
        {
            Id = Guid.CreateVersion7(),
            OrganiserId = user.OrganiserId(),
            Version = 1,
            Status = SubmissionStatus.Submitted,
            Title = details.Title,
            CommuneInsee = details.Venue.CommuneInsee,
            Departement = details.Venue.Departement,
            Region = details.Venue.Region,
            Details = EventSubmission.WriteDetails(details),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Submissions.Add(submission);
        db.AddToOutbox(new SubmissionReceived(submission.Id, submission.Version, submission.OrganiserId, details, now));
        await db.SaveChangesAsync(ct);

        http.Response.Headers.ETag = submission.ETag;
        return TypedResults.Created($"/api/submissions/{submission.Id}", View(submission));
    }

    private static async Task<Ok<List<SubmissionView>>> ListOwn(ClaimsPrincipal user, SubmissionDbContext db, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var rows = await db.Submissions.AsNoTracking().Where(s => s.OrganiserId == organiser)
            .OrderByDescending(s => s.CreatedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    /// <summary>Another organiser's submission is answered exactly like a missing one.</summary>
    private static async Task<Results<Ok<SubmissionView>, NotFound>> Get(Guid id, ClaimsPrincipal user, SubmissionDbContext db, HttpContext http, CancellationToken ct)
    {
        var organiser = user.OrganiserId();
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.OrganiserId == organiser, ct);
        if (submission is null) return TypedResults.NotFound();
        http.Response.Headers.ETag = submission.ETag;
        return TypedResults.Ok(View(submission));
    }

    private static SubmissionView View(EventSubmission s) => new(s.Id, s.Version, s.Status, s.ReadDetails(), s.CreatedAt, s.UpdatedAt);
}
