using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Messaging.Outbox;

public static class OutboxDbContextExtensions
{

    /// <summary>
    /// Queues <paramref name="message"/> (published as its runtime type) for publication. It is written by the next SaveChanges, in the
    /// same transaction as the rest of the unit of work, and published by the relay after the commit.
    /// Messages about a submission are published in the order they were queued. <paramref name="occurrence"/> names news
    /// raised once per (submission, version) that its type alone does not say is (<see cref="MessageIdentity"/>): its id is then
    /// derived from what it says.
    /// </summary>
    public static OutboxMessage AddToOutbox(this DbContext db, object message, string? occurrence = null)
    {
        var activity = Activity.Current;
        var row = new OutboxMessage
        {
            MessageId = MessageIdentity.For(message, occurrence),
            MessageType = MessageTypeNames.Of(message.GetType()),
            Body = JsonSerializer.Serialize(message, message.GetType(), ContractJson.Options),
            PartitionKey = message is ISubmissionEvent e ? e.SubmissionId.ToString() : Guid.NewGuid().ToString(),
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = DateTimeOffset.UtcNow, // real time, like the database's now() it is compared with
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }
}
