using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace SemaineIndustrie.Messaging.Inbox;

public static class InboxDbContextExtensions
{
    /// <summary>
    /// Applies a message's effects exactly once per consumer: "consumer C processed message M" and the
    /// effects (including any outbox rows they queue) commit in one transaction. A message C has already
    /// processed — redelivered after a crash, or published twice — changes nothing and is acknowledged.
    /// Two deliveries racing each other serialise on the inbox row's primary key.
    /// </summary>
    /// <returns>false when the message had already been processed by this consumer.</returns>
    public static async Task<bool> ConsumeOnceAsync<TMessage>(
        this DbContext db, ConsumeContext<TMessage> context, IConsumer consumer, Func<CancellationToken, Task> applyEffects)
        where TMessage : class
    {
        var cancellationToken = context.CancellationToken;
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId");
        var consumerName = consumer.GetType().FullName ?? consumer.GetType().Name;
        var messageType = typeof(TMessage).Name;
        var tags = new TagList { { "consumer", consumer.GetType().Name }, { "message_type", messageType } };
        var started = Stopwatch.GetTimestamp();

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var firstTime = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (consumer, message_id, message_type, processed_at) VALUES ({consumerName}, {messageId}, {messageType}, now()) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (firstTime == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            MessagingTelemetry.Duplicates.Add(1, tags);
            return false;
        }

        await applyEffects(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        MessagingTelemetry.Consumed.Add(1, tags);
        MessagingTelemetry.ConsumeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        return true;
    }
}
