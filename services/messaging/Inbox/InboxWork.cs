using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Messaging.Inbox;

/// <summary>One message for one consumer, waiting to be applied through the inbox.</summary>
internal sealed class InboxWork(
    DbContext db, string consumer, string consumerShortName, Guid messageId, string messageType, string partition,
    Func<CancellationToken, Task> applyEffects, CancellationToken cancellationToken)
{
    public DbContext Db { get; } = db;
    public string Consumer { get; } = consumer;
    public Guid MessageId { get; } = messageId;
    public string MessageType { get; } = messageType;
    /// <summary>The submission the message is about (or its own id): a group takes its locks in this order.</summary>
    public string Partition { get; } = partition;
    public Func<CancellationToken, Task> ApplyEffects { get; } = applyEffects;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public TagList Tags { get; } = new() { { "consumer", consumerShortName }, { "message_type", messageType } };
    public long Enqueued { get; } = Stopwatch.GetTimestamp();

    /// <summary>Applied (true), already applied (false), or null: apply it alone.</summary>
    public TaskCompletionSource<bool?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string PartitionOf(object message) => message is ISubmissionEvent e ? e.SubmissionId.ToString() : "";
}
