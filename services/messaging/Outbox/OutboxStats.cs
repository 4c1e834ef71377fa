using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Npgsql;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// Pending outbox rows, the age of the oldest and the parked rows, refreshed by the relay while idle and exported as
/// gauges tagged with the database (several services may share one process in tests).
/// </summary>
internal sealed class OutboxStats
{
    private static readonly ConcurrentDictionary<string, (long Pending, double OldestAgeSeconds, long Parked)> ByDatabase = new();

    static OutboxStats()
    {
        MessagingTelemetry.Meter.CreateObservableGauge("outbox.messages.pending",
            () => ByDatabase.Select(kv => new Measurement<long>(kv.Value.Pending, new KeyValuePair<string, object?>("db", kv.Key))),
            description: "Outbox rows not yet published");
        MessagingTelemetry.Meter.CreateObservableGauge("outbox.oldest_pending.age",
            () => ByDatabase.Select(kv => new Measurement<double>(kv.Value.OldestAgeSeconds, new KeyValuePair<string, object?>("db", kv.Key))),
            unit: "s", description: "Age of the oldest unpublished outbox row");
        MessagingTelemetry.Meter.CreateObservableGauge("outbox.messages.parked.current",
            () => ByDatabase.Select(kv => new Measurement<long>(kv.Value.Parked, new KeyValuePair<string, object?>("db", kv.Key))),
            description: "Outbox rows parked, waiting for an operator's replay");
    }

    public async Task RefreshAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FILTER (WHERE parked_at IS NULL),
                   coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0)::float8,
                   count(*) FILTER (WHERE parked_at IS NOT NULL)
            FROM outbox_messages WHERE sent_at IS NULL
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "?";
        ByDatabase[database] = (reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2));
    }
}
