using Npgsql;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>
/// Reads every service's database (through the cluster's multi-host address, so it follows a failover):
/// which submissions are decided, which are published, and every effect recorded more than once.
/// </summary>
public sealed class Audit(string postgres, string databasePrefix = "si_", IReadOnlySet<string>? databases = null)
{
    /// <summary>Effects that exist once per submission (or per submission and version): more than one is a duplicate.</summary>
    private static readonly (string Database, string What, string Sql)[] DuplicateChecks =
    [
        ("submission", "submissions (one per Idempotency-Key)", "SELECT count(*) FROM (SELECT 1 FROM submissions WHERE title LIKE @prefix GROUP BY organiser_id, title HAVING count(*) > 1) d"),
        ("submission", "status changes", "SELECT count(*) FROM (SELECT 1 FROM submission_status_changes WHERE submission_id = ANY(@ids) GROUP BY submission_id, version, status HAVING count(*) > 1) d"),
        ("review", "review cases", "SELECT count(*) FROM (SELECT 1 FROM review_cases WHERE submission_id = ANY(@ids) GROUP BY submission_id HAVING count(*) > 1) d"),
        ("review", "case openings and decisions", "SELECT count(*) FROM (SELECT 1 FROM case_audit a JOIN review_cases c ON c.id = a.case_id WHERE c.submission_id = ANY(@ids) AND a.action IN ('opened', 'labelled', 'refused') GROUP BY a.case_id, a.action, a.submission_version HAVING count(*) > 1) d"),
        ("geocoding", "venue locations", "SELECT count(*) FROM (SELECT 1 FROM venue_locations WHERE submission_id = ANY(@ids) GROUP BY submission_id HAVING count(*) > 1) d"),
        ("publication", "catalogue entries", "SELECT count(*) FROM (SELECT 1 FROM catalogue_entries WHERE submission_id = ANY(@ids) GROUP BY submission_id HAVING count(*) > 1) d"),
        ("publication", "version facts", "SELECT count(*) FROM (SELECT 1 FROM version_facts WHERE submission_id = ANY(@ids) GROUP BY submission_id, version HAVING count(*) > 1) d"),
        ("notification", "notification deliveries", "SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE event_key LIKE ANY(@keys) GROUP BY event_key, kind, recipient_id, channel HAVING count(*) > 1) d"),
    ];

    public async Task<HashSet<Guid>> DecidedAsync(IReadOnlyCollection<Guid> ids) =>
        await IdsAsync("review", "SELECT submission_id FROM review_cases WHERE submission_id = ANY(@ids) AND decided_at IS NOT NULL", ids);

    /// <summary>Accepted submissions the submission service holds (after a restore, those it lost are missing).</summary>
    public async Task<HashSet<Guid>> SubmittedAsync(IReadOnlyCollection<Guid> ids) =>
        await IdsAsync("submission", "SELECT id FROM submissions WHERE id = ANY(@ids)", ids);

    /// <summary>Drops a database on the primary, as a mistaken DROP DATABASE would (restore drill a).</summary>
    public async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE \"{databasePrefix}{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The database server's clock: an instant between two transactions, as an operator names one.</summary>
    public async Task<DateTimeOffset> NowAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
    }

    public async Task<HashSet<Guid>> PublishedAsync(IReadOnlyCollection<Guid> ids) =>
        await IdsAsync("publication", "SELECT submission_id FROM catalogue_entries WHERE submission_id = ANY(@ids)", ids);

    /// <summary>Submissions every other consumer has recorded: located (geocoding) and known with their decision to the notification service.</summary>
    public async Task<Dictionary<string, HashSet<Guid>>> RecordedElsewhereAsync(IReadOnlyCollection<Guid> ids) => new()
    {
        ["geocoding"] = await IdsAsync("geocoding", "SELECT submission_id FROM venue_locations WHERE submission_id = ANY(@ids)", ids),
        ["notification"] = await IdsAsync("notification", "SELECT submission_id FROM known_submissions WHERE submission_id = ANY(@ids)", ids),
    };

    /// <summary>Duplicated effects by kind (only kinds with at least one), for the submissions of one scenario.</summary>
    public async Task<Dictionary<string, long>> DuplicatesAsync(IReadOnlyCollection<Guid> ids, string titlePrefix)
    {
        var found = new Dictionary<string, long>();
        foreach (var (database, what, sql) in DuplicateChecks)
        {
            if (databases is not null && !databases.Contains(database)) continue; // a platform without that service
            await using var connection = await OpenAsync(database);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            command.Parameters.AddWithValue("prefix", titlePrefix + "%");
            command.Parameters.AddWithValue("keys", ids.Select(id => $"%{id}%").ToArray());
            var count = (long)(await command.ExecuteScalarAsync())!;
            if (count > 0) found[$"{database}: {what}"] = count;
        }
        return found;
    }

    private async Task<HashSet<Guid>> IdsAsync(string database, string sql, IReadOnlyCollection<Guid> ids)
    {
        var result = new HashSet<Guid>();
        if (ids.Count == 0) return result;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(database);
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("ids", ids.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) result.Add(reader.GetGuid(0));
                return result;
            }
            catch (Exception e) when (e is NpgsqlException && attempt < 120)
            {
                await Task.Delay(500); // the database is restarting or failing over: the audit waits like the services do
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = databasePrefix + database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
