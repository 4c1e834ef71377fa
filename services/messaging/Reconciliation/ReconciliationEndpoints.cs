using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Messaging.Reconciliation;

public static class ReconciliationEndpoints
{
    /// <summary>The most submissions one request may name (an edition had 2,400 events in 2017).</summary>
    public const int MaxSubmissions = 20_000;

    /// <summary>
    /// Admin-only, on each service that holds submissions (not routed by the gateway): POST /admin/reconciliation/held (what this
    /// service holds of some submissions of an edition) and POST /admin/reconciliation/replay (publish again what it said about them).
    /// </summary>
    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/reconciliation").RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Reconciliation");

        group.MapPost("/held", async Task<Results<Ok<HeldAnswer>, ProblemHttpResult>> (HeldRequest? request, IHeldSubmissions held, CancellationToken ct) =>
            Invalid(request?.Submissions, request?.Edition) is { } problem ? problem : TypedResults.Ok(await held.HeldAsync(request!, ct)));

        group.MapPost("/replay", async Task<Results<Ok<ReplayAnswer>, ProblemHttpResult>> (ReplayRequest? request, OutboxReplay replay, CancellationToken ct) =>
            Invalid(request?.Submissions, edition: null) is { } problem ? problem : TypedResults.Ok(await replay.ReplayAsync(request!.Submissions, ct)));
        return app;
    }

    internal static ProblemHttpResult? Invalid(IReadOnlyList<Guid>? submissions, int? edition)
    {
        var errors = new Dictionary<string, string[]>();
        if (submissions is null) errors["submissions"] = ["Required: a list of submission ids (may be empty)."];
        else if (submissions.Count > MaxSubmissions) errors["submissions"] = [$"At most {MaxSubmissions} per request."];
        if (edition is not null && edition is < 2000 or > 2100) errors["edition"] = ["A year between 2000 and 2100."];
        return errors.Count == 0 ? null : Problems.Invalid(StatusCodes.Status400BadRequest, "Invalid reconciliation request", errors);
    }
}
