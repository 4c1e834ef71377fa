using Npgsql;

namespace SemaineIndustrie.Messaging.Outbox;

public sealed record ParkedOutboxRow(
    long SequenceNumber, Guid MessageId, string MessageType, string PartitionKey, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset ParkedAt);

/// <summary>What an operator sees of parked outbox rows, and the replay that hands one back to the relay.</summary>
public sealed class ParkedOutboxRows(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ParkedOutboxRow>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sequence_number, message_id, message_type, partition_key, attempts, last_error, created_at, parked_at
            FROM outbox_messages WHERE parked_at IS NOT NULL AND sent_at IS NULL
            ORDER BY sequence_number LIMIT @limit
            """);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<ParkedOutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ParkedOutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return rows;
    }

    /// <summary>Un-parks the row and wakes the relays; false when no such parked row exists.</summary>
    public async Task<bool> ReplayAsync(long sequenceNumber, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH replayed AS (
              UPDATE outbox_messages SET parked_at = NULL
              WHERE sequence_number = @id AND parked_at IS NOT NULL AND sent_at IS NULL
              RETURNING sequence_number)
            SELECT count(*), pg_notify('{OutboxNotifyTrigger.Channel}', '') FROM replayed
            """);
        command.Parameters.AddWithValue("id", sequenceNumber);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}
