using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SemaineIndustrie.Messaging.Inbox;

/// <summary>
/// Group commit for the inbox. Consumers hand their message over and wait; a few runners (Messaging:Inbox:Runners)
/// each take whatever has queued up meanwhile (at most MaxBatch) and apply it in one transaction: one statement
/// inserts every inbox row (those already there are the duplicates), then each message's effects run on the
/// consumer's own DbContext, joined to the group's connection and transaction, and are saved before the next
/// message's run — so a message sees what the messages before it did, exactly as if they had committed one by
/// one — and the group commits once. Nothing waits to form a group: a message that arrives alone is applied
/// alone, at once; under load the groups grow by themselves.
///
/// Order and locks: messages are taken in arrival order, then ordered by submission (a stable sort: one
/// submission's messages keep their order), so every runner and replica takes per-submission locks in the same
/// order. Work that every message would repeat on one row (the catalogue's revision) is deferred to just before
/// the commit (<see cref="InboxTransaction.BeforeCommit"/>) and done once.
///
/// Failure: if anything in a group fails — one message's effects throw, a deadlock, the database goes away — the
/// group rolls back and every message in it is applied alone, in its own transaction, by its own consumer: the
/// one that failed fails alone (MassTransit retries it and, in the end, moves it to _error), the others commit.
/// A message that failed is applied alone until it succeeds, so a poison message cannot sink group after group.
/// A crash at any point loses nothing: nothing is acknowledged to the broker before its transaction committed.
/// </summary>
public sealed partial class InboxBatcher : IAsyncDisposable
{
    private const string InsertInboxRowsSql = """
        INSERT INTO inbox_messages (consumer, message_id, message_type, processed_at)
        SELECT u.consumer, u.message_id, u.message_type, now() FROM unnest(@consumers, @ids, @types) AS u(consumer, message_id, message_type)
        ORDER BY u.consumer, u.message_id
        ON CONFLICT DO NOTHING
        RETURNING consumer, message_id
        """;

    private const int MaxLoners = 10_000;

    private readonly Channel<InboxWork> queue = Channel.CreateUnbounded<InboxWork>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly ConcurrentDictionary<Guid, byte> loners = new();
    private readonly NpgsqlDataSource dataSource;
    private readonly InboxOptions options;
    private readonly ILogger<InboxBatcher> logger;
    private readonly object startLock = new();
    private Task[]? runners;
    private long groups, grouped, largest, fallbacks;

    public InboxBatcher(NpgsqlDataSource dataSource, IOptions<InboxOptions> options, ILogger<InboxBatcher> logger)
    {
        this.dataSource = dataSource;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>Groups committed so far, messages they held, the largest, and groups that fell back to one message at a time.</summary>
    public (long Groups, long Messages, long Largest, long Fallbacks) Statistics =>
        (Interlocked.Read(ref groups), Interlocked.Read(ref grouped), Interlocked.Read(ref largest), Interlocked.Read(ref fallbacks));

    /// <returns>true applied, false already applied, null: the caller applies it alone.</returns>
    internal Task<bool?> ConsumeAsync(InboxWork work)
    {
        if (!options.Batching || loners.ContainsKey(work.MessageId)) return Task.FromResult<bool?>(null);
        EnsureStarted();
        if (!queue.Writer.TryWrite(work)) return Task.FromResult<bool?>(null); // shutting down
        return work.Outcome.Task;
    }

    internal void MarkLoner(Guid messageId)
    {
        if (loners.Count >= MaxLoners) loners.Clear();
        loners.TryAdd(messageId, 0);
    }

    internal void ClearLoner(Guid messageId) => loners.TryRemove(messageId, out _);

    private void EnsureStarted()
    {
        if (Volatile.Read(ref runners) is not null) return;
        lock (startLock)
        {
            runners ??= Enumerable.Range(0, Math.Max(1, options.Runners)).Select(_ => Task.Run(RunAsync)).ToArray();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<InboxWork>(options.MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < options.MaxBatch && queue.Reader.TryRead(out var work))
            {
                if (work.CancellationToken.IsCancellationRequested) work.Outcome.TrySetCanceled(work.CancellationToken);
                else batch.Add(work);
            }
            if (batch.Count == 0) continue;
            if (batch.Count == 1)
            {
                batch[0].Outcome.TrySetResult(null); // nothing to group with: its consumer applies it alone, at once
                continue;
            }

            try
            {
                var outcomes = await ApplyGroupAsync(batch);
                for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes[i]);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref fallbacks);
                LogGroupFailed(logger, ex, batch.Count);
                foreach (var work in batch) work.Outcome.TrySetResult(null);
            }
        }
    }

    private async Task<bool[]> ApplyGroupAsync(List<InboxWork> arrived)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = arrived.OrderBy(w => w.Partition, StringComparer.Ordinal).ToList(); // stable: arrival order within a submission
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);

        var fresh = new HashSet<(string, Guid)>();
        await using (var insert = new NpgsqlCommand(InsertInboxRowsSql, connection, transaction))
        {
            insert.Parameters.AddWithValue("consumers", batch.Select(w => w.Consumer).ToArray());
            insert.Parameters.AddWithValue("ids", batch.Select(w => w.MessageId).ToArray());
            insert.Parameters.AddWithValue("types", batch.Select(w => w.MessageType).ToArray());
            await using var reader = await insert.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None)) fresh.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        var applied = new Dictionary<InboxWork, bool>();
        var hooks = InboxTransaction.Begin();
        try
        {
            foreach (var work in batch)
            {
                // The same message twice in one group: the first applies it, the second is a duplicate.
                var firstTime = fresh.Remove((work.Consumer, work.MessageId));
                applied[work] = firstTime;
                if (!firstTime) continue;
                try
                {
                    await ApplyInGroupAsync(work, connection, transaction);
                }
                catch
                {
                    MarkLoner(work.MessageId);
                    throw;
                }
            }
            await hooks.RunAsync(connection, CancellationToken.None);
        }
        finally
        {
            InboxTransaction.End();
        }
        await transaction.CommitAsync(CancellationToken.None);

        Interlocked.Increment(ref groups);
        Interlocked.Add(ref grouped, batch.Count);
        long seen;
        while ((seen = Interlocked.Read(ref largest)) < batch.Count && Interlocked.CompareExchange(ref largest, batch.Count, seen) != seen) { }
        foreach (var work in batch)
        {
            if (applied[work])
            {
                MessagingTelemetry.Consumed.Add(1, work.Tags);
                MessagingTelemetry.ConsumeDuration.Record(Stopwatch.GetElapsedTime(work.Enqueued).TotalMilliseconds, work.Tags);
            }
            else
            {
                MessagingTelemetry.Duplicates.Add(1, work.Tags);
            }
        }
        MessagingTelemetry.GroupSize.Record(batch.Count);
        MessagingTelemetry.GroupDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return arrived.Select(w => applied[w]).ToArray();
    }

    /// <summary>Runs one message's effects on its consumer's DbContext, lent the group's connection and transaction for the time of it.</summary>
    private static async Task ApplyInGroupAsync(InboxWork work, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var db = work.Db;
        var database = db.Database;
        var autoSavepoints = database.AutoSavepointsEnabled;
        db.ChangeTracker.Clear();
        database.SetDbConnection(connection, contextOwnsConnection: false);
        try
        {
            await database.UseTransactionAsync(transaction, work.CancellationToken);
            database.AutoSavepointsEnabled = false; // the group rolls back as a whole: no savepoint round trips
            await work.ApplyEffects(work.CancellationToken);
            await db.SaveChangesAsync(work.CancellationToken);
        }
        finally
        {
            database.AutoSavepointsEnabled = autoSavepoints;
            await database.UseTransactionAsync(null, CancellationToken.None);
            database.SetDbConnection(null, contextOwnsConnection: false); // back to its own connections from the pool
            db.ChangeTracker.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (runners is { } running) await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(30)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A group of {Count} messages rolled back; each is applied alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);
}
