using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.ServiceDefaults.Time;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Domain;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.LabellingReview.Decisions;

public static class DecisionsApi
{
    /// <summary>The longest motivation or request for changes (the organiser reads it; the submission service stores it).</summary>
    public const int MessageMax = 2000;

    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:guid}/decision", Decide).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        cases.MapPost("/decisions", DecideMany).Refuses(StatusCodes.Status422UnprocessableEntity);
        return cases;
    }

    private static async Task<Results<Ok<CaseDetail>, NotFound, ProblemHttpResult>> Decide(Guid id, DecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock, CancellationToken ct)
    {
        var outcome = await DecideAsync(db, user, id, request, clock.GetUtcNow(), ct);
        if (outcome.Case is null) return outcome.Problem is NotFound notFound ? notFound : (ProblemHttpResult)outcome.Problem!;
        return TypedResults.Ok(await CasesApi.DetailAsync(db, outcome.Case, clock.GetUtcNow(), ct));
    }

    /// <summary>
    /// Many decisions in one call. The request's shape is checked first: 1 to MaxBulkDecisions items, each
    /// an object with a case id, each case once, texts the platform accepts — otherwise the whole request
    /// is refused with 422 naming <c>decisions[i].field</c> and nothing is decided. Then each case is
    /// decided on its own, with one result per case (200, or 404/409/422 and why), and all the decisions
    /// commit together at the end: an unexpected failure answers 500 with nothing committed, never a 500
    /// that hides committed work.
    /// </summary>
    private static async Task<Results<Ok<List<BulkDecisionResult>>, ProblemHttpResult>> DecideMany(BulkDecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, DomainClock clock,
        IOptions<ReviewOptions> options, CancellationToken ct)
    {
        var items = request.Decisions ?? [];
        if (items.Count == 0 || items.Count > options.Value.MaxBulkDecisions)
        {
            return Problems.Unprocessable("The bulk decision is not valid", new Dictionary<string, string[]> { ["decisions"] = [$"Between 1 and {options.Value.MaxBulkDecisions} decisions."] });
        }
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors[$"decisions[{i}]"] = ["A decision object: caseId, decision, motivation."];
                continue;
            }
            if (item.CaseId is null || item.CaseId == Guid.Empty) errors[$"decisions[{i}].caseId"] = ["Required."];
            if (TextRules.Check(item.Motivation, multiLine: true) is { } unacceptable) errors[$"decisions[{i}].motivation"] = [unacceptable];
        }
        if (errors.Count == 0 && items.GroupBy(i => i!.CaseId).Any(g => g.Count() > 1)) errors["decisions"] = ["Each case at most once."];
        if (errors.Count > 0) return Problems.Unprocessable("The bulk decision is not valid", errors);

        var results = new List<BulkDecisionResult>(items.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var item in items)
        {
            db.ChangeTracker.Clear();
            var caseId = item!.CaseId!.Value;
            var outcome = await DecideAsync(db, user, caseId, new DecisionRequest(item.Decision, item.Motivation, item.Version), clock.GetUtcNow(), ct);
            results.Add(outcome.Case is { } decided
                ? new BulkDecisionResult(caseId, StatusCodes.Status200OK, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(decided.Status.ToString()), null, decided.DecidedAt)
                : new BulkDecisionResult(caseId, outcome.Status, null, outcome.Reason));
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(results);
    }

    private sealed record DecisionValidation(CaseStatus? Decision, string? Message, Dictionary<string, string[]> Errors);

    private static DecisionValidation Validate(DecisionRequest request)
    {
        var decision = request.Decision switch
        {
            "label" => CaseStatus.Labelled,
            "refuse" => CaseStatus.Refused,
            "request_changes" => CaseStatus.ChangesRequested,
            _ => (CaseStatus?)null,
        };
        var message = request.Motivation?.Trim();
        if (message is { Length: 0 }) message = null;
        var errors = new Dictionary<string, string[]>();
        if (decision is null) errors["decision"] = ["One of: label, refuse, request_changes."];
        if (decision is CaseStatus.Refused && message is null) errors["motivation"] = ["A refusal must be motivated."];
        if (decision is CaseStatus.ChangesRequested && message is null) errors["motivation"] = ["Say which changes are requested."];
        if (TextRules.Check(message, multiLine: true) is { } unacceptable) errors["motivation"] = [unacceptable];
        else if (message is { Length: > MessageMax }) errors["motivation"] = [$"At most {MessageMax} characters."];
        if (request.Version is < 1) errors["version"] = ["The version you read: 1 or more."];
        return new DecisionValidation(decision, message, errors);
    }

    private sealed record Outcome(ReviewCase? Case, IResult? Problem, int Status, string? Reason);

    /// <summary>
    /// Checks the request, loads the case in scope and lets it decide (<see cref="ReviewCase.Decide"/> holds
    /// the rules); the decision, its audit line and its event commit together.
    /// </summary>
    private static async Task<Outcome> DecideAsync(ReviewDbContext db, ClaimsPrincipal user, Guid id, DecisionRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var (decision, message, errors) = Validate(request);
        if (errors.Count > 0) return Fail(Problems.Unprocessable("The decision is not valid", errors), 422, string.Join(" ", errors.Values.SelectMany(v => v)));

        var reviewCase = await db.FindInScopeAsync(id, user, ct);
        if (reviewCase is null) return Fail(TypedResults.NotFound(), 404, "No such case in your scope.");
        var me = user.SubjectId();
        try
        {
            db.Record(reviewCase, me, reviewCase.Decide(decision!.Value, me, message, request.Version, now), now);
            await db.SaveChangesAsync(ct);
        }
        catch (TransitionRefused refusal)
        {
            return Fail(DomainRefusals.Problem(refusal), 409, refusal.Message); // one outcome among several in a bulk decision
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail(Problems.Conflict("Case changed meanwhile", "Another decision, claim or revision reached this case first; reload it."), 409, "Changed meanwhile.");
        }
        return new Outcome(reviewCase, null, 200, null);

        static Outcome Fail(IResult problem, int status, string reason) => new(null, problem, status, reason);
    }
}
