using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.LabellingReview.Reviewers;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Time;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Claiming;

/// <summary>
/// Handing a case to a named colleague of its committee: who may take it (<c>GET …/{id}/assignees</c>, from this service's
/// copy of the committees) and the hand-over (<c>POST …/{id}/assign</c>): the colleague's claim replaces any other, for
/// <see cref="ReviewOptions.AssignmentLease"/>, in the audit trail; <see cref="SemaineIndustrie.Contracts.CaseAssigned"/> tells them.
/// </summary>
public static class AssignmentApi
{
    public static RouteGroupBuilder MapAssignmentApi(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/assignees", Assignees);
        cases.MapPost("/{id:guid}/assign", Assign).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return cases;
    }

    private static async Task<Results<Ok<List<Assignee>>, NotFound>> Assignees(Guid id, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var reviewCase = await db.Cases.AsNoTracking().InScope(user).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        var members = await CommitteeMembers.OfAsync(db, reviewCase.Region, reviewCase.Departement, ct);
        var now = clock.GetUtcNow();
        var subjects = members.Select(m => m.UserId).ToList();
        var held = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Pending && c.Region == reviewCase.Region && c.Departement == reviewCase.Departement
                        && c.ClaimExpiresAt > now && subjects.Contains(c.ClaimedBy!))
            .GroupBy(c => c.ClaimedBy!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return TypedResults.Ok(members.Select(m => new Assignee(m.UserId, m.DisplayName, held.GetValueOrDefault(m.UserId))).ToList());
    }

    private static async Task<Results<Ok<ClaimView>, NotFound, ProblemHttpResult>> Assign(Guid id, AssignRequest request, ClaimsPrincipal user, ReviewDbContext db,
        DomainClock clock, IOptions<ReviewOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.To))
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "No colleague named", "to", "Name the colleague (their subject, from the case's assignees).");
        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return TypedResults.NotFound();
        var colleague = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == request.To, ct);
        if (colleague is null || !colleague.SitsOnCommitteeOf(reviewCase.Region, reviewCase.Departement))
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Not a colleague of this committee", "to",
                $"Only a reviewer of the committee of {reviewCase.Departement} ({reviewCase.Region}) can be handed this case.");
        var me = user.SubjectId();
        var now = clock.GetUtcNow();
        try
        {
            db.Record(reviewCase, me, reviewCase.Assign(colleague.UserId, me, user.FindFirstValue("name"), now, options.Value.AssignmentLease), now);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Case changed meanwhile", "The case changed while it was handed over (a decision, a claim): reload it and try again.");
        }
        return TypedResults.Ok(new ClaimView(colleague.UserId, reviewCase.ClaimExpiresAt!.Value));
    }
}
