using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SemaineIndustrie.Messaging.Inbox;

public static class InboxDbContextExtensions
{
    /// <summary>
    /// Applies a message's effects exactly once per consumer: "consumer C processed message M" and the
    /// effects (including any outbox rows they queue) commit in one transaction. A message C has already
    /// processed — redelivered after a crash, or published twice — changes nothing and is acknowledged.
    /// Two deliveries racing each other serialise on the inbox row's primary key.
    /// When messages queue up, the service's <see cref="InboxBatcher"/> commits several in one transaction
    /// (each with its own inbox row, its effects applied and saved one after the other, in arrival order);
    /// a message that fails is then applied alone, so that it cannot take the others down with it.
    /// </summary>
    /// <returns>false when the message had already been processed by this consumer.</returns>
    public static async Task<bool> ConsumeOnceAsync<TMessage>(
        this DbContext db, ConsumeContext<TMessage> context, IConsumer consumer, Func<CancellationToken, Task> applyEffects)
        where TMessage : class
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId");
        var work = new InboxWork(db, consumer.GetType().FullName ?? consumer.GetType().Name, consumer.GetType().Name, messageId, typeof(TMessage).Name,
            InboxWork.PartitionOf(context.Message), applyEffects, context.CancellationToken);
        var batcher = BatcherOf(context);
        if (batcher is not null && await batcher.ConsumeAsync(work) is { } grouped) return grouped;
        return await ConsumeAloneAsync(work, batcher);
    }

    /// <summary>One message, one transaction: the path every message takes when nothing else waits, or when a group failed.</summary>
    internal static async Task<bool> ConsumeAloneAsync(InboxWork work, InboxBatcher? batcher)
    {
        var db = work.Db;
        var cancellationToken = work.CancellationToken;
        var started = Stopwatch.GetTimestamp();
        db.ChangeTracker.Clear();
        var hooks = InboxTransaction.Begin();
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false; // any failure rolls the whole transaction back: no savepoint round trips
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var firstTime = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO inbox_messages (consumer, message_id, message_type, processed_at) VALUES ({work.Consumer}, {work.MessageId}, {work.MessageType}, now()) ON CONFLICT DO NOTHING",
                cancellationToken);
            if (firstTime == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                MessagingTelemetry.Duplicates.Add(1, work.Tags);
                return false;
            }

            try
            {
                await work.ApplyEffects(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await hooks.RunAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                batcher?.MarkLoner(work.MessageId);
                throw;
            }
            batcher?.ClearLoner(work.MessageId);
            MessagingTelemetry.Consumed.Add(1, work.Tags);
            MessagingTelemetry.ConsumeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, work.Tags);
            return true;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = autoSavepoints;
            InboxTransaction.End();
        }
    }

    private static InboxBatcher? BatcherOf(ConsumeContext context) =>
        context.TryGetPayload<IServiceProvider>(out var services) ? services.GetService<InboxBatcher>()
        : context.TryGetPayload<IServiceScope>(out var scope) ? scope.ServiceProvider.GetService<InboxBatcher>()
        : null;
}
