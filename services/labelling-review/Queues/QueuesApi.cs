using System.Security.Claims;
using Npgsql;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.ServiceDefaults.Auth;

namespace SemaineIndustrie.LabellingReview.Queues;

/// <summary>
/// One (région, département) queue: what waits (pending and unclaimed, claimed), what waits for the
/// organiser (changes requested), what is decided, what is late; and how fast the committee decides.
/// </summary>
public sealed record QueueView(
    string Region, string Departement, int Pending, int Claimed, int ChangesRequested, int Decided, int Withdrawn, int Overdue,
    int Received, double? MedianHoursToDecision, double? P90HoursToDecision);

public static class QueuesApi
{
    private const string Sql = """
        SELECT region, departement,
          count(*) FILTER (WHERE status = 'Pending' AND NOT (claimed_by IS NOT NULL AND claim_expires_at > @now)),
          count(*) FILTER (WHERE status = 'Pending' AND claimed_by IS NOT NULL AND claim_expires_at > @now),
          count(*) FILTER (WHERE status = 'ChangesRequested'),
          count(*) FILTER (WHERE status IN ('Labelled', 'Refused')),
          count(*) FILTER (WHERE status = 'Withdrawn'),
          count(*) FILTER (WHERE status = 'Pending' AND due_at < @now),
          count(*),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - version_received_at)) FILTER (WHERE decided_at IS NOT NULL),
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - version_received_at)) FILTER (WHERE decided_at IS NOT NULL)
        FROM review_cases
        WHERE @all OR (region = @region AND (cardinality(@departements) = 0 OR departement = ANY(@departements)))
        GROUP BY region, departement
        ORDER BY region, departement
        """;

    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review/queues", Queues).RequireAuthorization(PlatformClaims.ReviewerPolicy).WithTags("Review queues");
        return app;
    }

    private static async Task<IResult> Queues(ClaimsPrincipal user, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var scope = ReviewerScope.Of(user);
        if (!scope.All && scope.Region is null) return TypedResults.Ok(Array.Empty<QueueView>());

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("all", scope.All);
        command.Parameters.AddWithValue("region", scope.Region ?? "");
        command.Parameters.AddWithValue("departements", scope.Departements.ToArray());
        var queues = new List<QueueView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? Hours(int i) => reader.IsDBNull(i) ? null : Math.Round(reader.GetDouble(i) / 3600, 2);
            queues.Add(new QueueView(reader.GetString(0), reader.GetString(1),
                (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6),
                (int)reader.GetInt64(7), (int)reader.GetInt64(8), Hours(9), Hours(10)));
        }
        return TypedResults.Ok(queues);
    }
}
