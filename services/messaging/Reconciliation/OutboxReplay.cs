using Npgsql;
using SemaineIndustrie.Contracts.Reconciliation;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Messaging.Reconciliation;

/// <summary>
/// Publishes again what this service said about some submissions: every sent outbox row still retained for them
/// (<see cref="OutboxOptions.SentRetention"/>) goes back to the relay, which publishes them in their original order with their
/// original message ids (rows already pending are left as they are) — an inbox that applied one drops it, a consumer whose database was restored to an earlier point
/// applies what it lost. The replay window is the outbox's retention (docs/reconciliation.md).
/// </summary>
public sealed class OutboxReplay(NpgsqlDataSource dataSource, string service)
{
    public string Service => service;

    public async Task<ReplayAnswer> ReplayAsync(IReadOnlyCollection<Guid> submissions, CancellationToken cancellationToken)
    {
        var keys = submissions.Select(s => s.ToString()).Distinct().ToArray();
        // Rows still pending (a replay not yet relayed) are in flight, not missing: a submission is "not retained" when it has no row at all.
        await using var command = dataSource.CreateCommand($"""
            WITH replayed AS (
              UPDATE outbox_messages SET sent_at = NULL, attempts = 0, last_error = NULL
              WHERE partition_key = ANY(@keys) AND sent_at IS NOT NULL
              RETURNING partition_key),
            held AS (SELECT DISTINCT partition_key FROM outbox_messages WHERE partition_key = ANY(@keys))
            SELECT h.partition_key, (SELECT count(*) FROM replayed r WHERE r.partition_key = h.partition_key), pg_notify('{OutboxNotifyTrigger.Channel}', '')
            FROM held h
            """);
        command.Parameters.AddWithValue("keys", keys);
        var replayed = new Dictionary<string, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) replayed[reader.GetString(0)] = reader.GetInt64(1);
        }
        return new ReplayAnswer(service, (int)replayed.Values.Sum(),
            [.. submissions.Distinct().Where(s => !replayed.ContainsKey(s.ToString()))]);
    }
}
