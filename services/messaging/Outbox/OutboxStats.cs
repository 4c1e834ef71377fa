using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Npgsql;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// Pending outbox rows and the age of the oldest, refreshed by the relay while idle and exported as
/// gauges tagged with the database (several services may share one process in tests).
/// </summary>
internal sealed class OutboxStats
{
    private static readonly ConcurrentDictionary<string, (long Pending, double OldestAgeSeconds)> ByDatabase = new();

    static OutboxStats()
    {
        MessagingTelemetry.Meter.CreateObservableGauge("outbox.messages.pending",
            () => ByDatabase.Select(kv => new Measurement<long>(kv.Value.Pending, new KeyValuePair<string, object?>("db", kv.Key))),
            description: "Outbox rows not yet published");
        MessagingTelemetry.Meter.CreateObservableGauge("outbox.oldest_pending.age",
            () => ByDatabase.Select(kv => new Measurement<double>(kv.Value.OldestAgeSeconds, new KeyValuePair<string, object?>("db", kv.Key))),
            unit: "s", description: "Age of the oldest unpublished outbox row");
    }

    public async Task RefreshAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM outbox_messages WHERE sent_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "?";
        ByDatabase[database] = (reader.GetInt64(0), reader.GetDouble(1));
    }
}
