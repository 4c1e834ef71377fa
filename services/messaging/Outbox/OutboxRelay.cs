using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows through MassTransit (publisher confirms on), then marks them sent.
///
/// Each round claims, in one transaction, the oldest pending row of each partition (submission) whose
/// older rows are all sent, with FOR UPDATE SKIP LOCKED: replicas share the work without publishing a
/// row twice in the normal case and without overtaking each other inside a partition. Rows of one round
/// are in distinct partitions, so they are published concurrently. A row whose publish fails stays
/// pending (and so does everything after it in its partition); the relay backs off exponentially while
/// the broker is unreachable. A crash between confirm and commit republishes the row with the same
/// MessageId: consumers' inboxes make that a no-op. A row that can never be published as it is (its type
/// name resolves to no loaded type, its body cannot be read) is parked at once: it leaves the rounds,
/// its partition waits behind it (order is kept), every other partition flows, and an operator replays
/// it once fixed.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    IOptions<OutboxOptions> options,
    OutboxStats stats,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string ClaimSql = """
        SELECT o.sequence_number, o.message_id, o.message_type, o.body, o.trace_parent, o.trace_state
        FROM outbox_messages o
        WHERE o.sent_at IS NULL AND o.parked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM outbox_messages p
                          WHERE p.partition_key = o.partition_key AND p.sent_at IS NULL
                            AND p.sequence_number < o.sequence_number)
        ORDER BY o.sequence_number
        LIMIT @batch
        FOR UPDATE SKIP LOCKED
        """;

    private const string MarkSentSql = """
        UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE sequence_number = ANY(@ids)
        """;

    private const string MarkFailedSql = """
        UPDATE outbox_messages o SET attempts = o.attempts + 1, last_error = f.error,
          parked_at = CASE WHEN f.park THEN now() ELSE NULL END
        FROM unnest(@ids, @errors, @park) AS f(id, error, park)
        WHERE o.sequence_number = f.id
        """;

    private readonly SemaphoreSlim wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled)
        {
            LogRelayDisabled(logger);
            return;
        }

        var listener = PostgresListener.RunAsync(dataSource, OutboxNotifyTrigger.Channel, () => wake.Release(), logger, stoppingToken);
        var backoff = settings.MinBackoff;
        var nextStats = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            while (wake.CurrentCount > 0) wake.Wait(0, CancellationToken.None);
            try
            {
                var round = await RelayOnceAsync(settings, stoppingToken);
                if (round.Failed > 0)
                {
                    await Task.Delay(backoff, stoppingToken);
                    backoff = Next(backoff, settings.MaxBackoff);
                    continue;
                }

                backoff = settings.MinBackoff;
                if (round.Published > 0) continue;

                if (DateTime.UtcNow >= nextStats)
                {
                    await stats.RefreshAsync(dataSource, stoppingToken);
                    nextStats = DateTime.UtcNow + settings.StatsInterval;
                }

                await wake.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRelayError(logger, ex, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = Next(backoff, settings.MaxBackoff);
            }
        }

        await listener;
    }

    /// <summary>One claim-publish-mark round.</summary>
    internal async Task<(int Published, int Failed)> RelayOnceAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = new List<PendingRow>();
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.AddWithValue("batch", settings.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new PendingRow(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, 0);
        }

        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishTimeout.CancelAfter(settings.PublishTimeout);
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, publishTimeout.Token)));

        var sent = rows.Where((_, i) => outcomes[i] is null).Select(r => r.SequenceNumber).ToArray();
        var failed = rows.Select((row, i) => (row, outcome: outcomes[i])).Where(f => f.outcome is not null).ToArray();
        if (sent.Length > 0)
        {
            await using var mark = new NpgsqlCommand(MarkSentSql, connection, transaction);
            mark.Parameters.AddWithValue("ids", sent);
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }
        if (failed.Length > 0)
        {
            await using var mark = new NpgsqlCommand(MarkFailedSql, connection, transaction);
            mark.Parameters.AddWithValue("ids", failed.Select(f => f.row.SequenceNumber).ToArray());
            mark.Parameters.AddWithValue("errors", failed.Select(f => f.outcome!.Error).ToArray());
            mark.Parameters.AddWithValue("park", failed.Select(f => f.outcome!.Park).ToArray());
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        // Parked rows are settled, not failures: they must not slow the relay down for everyone else.
        return (sent.Length, failed.Count(f => !f.outcome!.Park));
    }

    private sealed record Failure(string Error, bool Park);

    /// <returns>null when confirmed by the broker, else the error and whether the row is parked (it can never be published as it is).</returns>
    private async Task<Failure?> PublishAsync(PendingRow row, CancellationToken cancellationToken)
    {
        var typeName = MessageTypeNames.Short(row.MessageType);
        Type type;
        object message;
        try
        {
            type = MessageTypeNames.Resolve(row.MessageType)
                ?? throw new InvalidOperationException($"no loaded message type is named '{row.MessageType}'");
            message = JsonSerializer.Deserialize(row.Body, type, ContractJson.Options)
                ?? throw new InvalidOperationException($"outbox row {row.SequenceNumber} has an empty body");
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or NotSupportedException or ArgumentException)
        {
            MessagingTelemetry.Parked.Add(1, new KeyValuePair<string, object?>("message_type", typeName));
            LogParked(logger, ex, row.SequenceNumber, row.MessageType);
            return new Failure(Truncate($"{ex.GetType().Name}: {ex.Message}"), Park: true);
        }

        try
        {

            // Restore the trace of the request that wrote the row: MassTransit's send activity becomes
            // its child, and the consumers' activities follow through the message headers.
            ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
            using var activity = MessagingTelemetry.ActivitySource.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
            activity?.SetTag("messaging.message.id", row.MessageId);
            activity?.SetTag("outbox.sequence_number", row.SequenceNumber);

            await bus.Publish(message, type, context => context.MessageId = row.MessageId, cancellationToken);
            MessagingTelemetry.Published.Add(1, new KeyValuePair<string, object?>("message_type", typeName));
            return null;
        }
        catch (Exception ex)
        {
            MessagingTelemetry.PublishFailures.Add(1, new KeyValuePair<string, object?>("message_type", typeName));
            LogPublishFailed(logger, ex, row.SequenceNumber, typeName);
            return new Failure(Truncate($"{ex.GetType().Name}: {ex.Message}"), Park: false);
        }
    }

    private static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;

    private static TimeSpan Next(TimeSpan current, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, current.Ticks * 2 + Random.Shared.Next(0, (int)TimeSpan.TicksPerMillisecond * 50)));

    private sealed record PendingRow(long SequenceNumber, Guid MessageId, string MessageType, string Body, string? TraceParent, string? TraceState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay disabled by configuration (Messaging:Outbox:RelayEnabled=false)")]
    private static partial void LogRelayDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed; retrying in {BackoffMs} ms")]
    private static partial void LogRelayError(ILogger logger, Exception exception, double backoffMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {SequenceNumber} ({MessageType}) not published; it stays pending")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long sequenceNumber, string messageType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {SequenceNumber} ({MessageType}) cannot be published as it is and is parked; replay it once fixed")]
    private static partial void LogParked(ILogger logger, Exception exception, long sequenceNumber, string messageType);
}
