using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Reconciliation;
using SemaineIndustrie.ServiceDefaults.Auth;
using SemaineIndustrie.ServiceDefaults.Web;

namespace SemaineIndustrie.Submission.Reconciliation;

public static class ReconciliationApi
{
    /// <summary>
    /// POST /admin/reconciliation/editions/{edition}[?repair=false]: national administrators (deploy/reconcile.sh), on the submission
    /// service (not routed by the gateway). Plus this service's own held/replay endpoints, which every other service has too.
    /// </summary>
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.MapReconciliation();
        app.MapPost("/admin/reconciliation/editions/{edition:int}", Reconcile).RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Reconciliation");
        return app;
    }

    private static async Task<Results<Ok<ReconciliationReport>, ProblemHttpResult>> Reconcile(int edition, ClaimsPrincipal user, HttpContext http,
        Reconciler reconciler, CancellationToken ct, bool repair = true)
    {
        if (user.FindFirst(PlatformClaims.Region) is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "National administrators only",
                detail: "Reconciliation compares and repairs every région's submissions: the national team runs it.");
        if (edition is < 2000 or > 2100) return Problems.BadQuery("edition", "A year between 2000 and 2100.");
        try
        {
            var caller = AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) ? header : null;
            return TypedResults.Ok(await reconciler.RunAsync(edition, repair, caller, ct));
        }
        catch (ServiceUnreachable ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "A service did not answer",
                detail: $"Nothing was compared or repaired. {ex.Message}", extensions: new Dictionary<string, object?> { ["service"] = ex.Service });
        }
    }
}
