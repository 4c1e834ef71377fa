using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SemaineIndustrie.Messaging;

/// <summary>
/// Our own activity source and meter. Consume counts, failures and durations per message type come
/// from MassTransit's meter ("MassTransit"), which service defaults also export.
/// </summary>
public static class MessagingTelemetry
{
    public const string Name = "SemaineIndustrie.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Published =
        Meter.CreateCounter<long>("outbox.messages.published", description: "Outbox rows published to the broker and confirmed");
    public static readonly Counter<long> PublishFailures =
        Meter.CreateCounter<long>("outbox.publish.failures", description: "Outbox publish attempts that failed (the row stays pending)");
    public static readonly Counter<long> Parked =
        Meter.CreateCounter<long>("outbox.messages.parked", description: "Outbox rows parked because they can never be published as they are");
    public static readonly Counter<long> Consumed =
        Meter.CreateCounter<long>("inbox.messages.consumed", description: "Messages whose effects committed through the inbox");
    public static readonly Counter<long> Duplicates =
        Meter.CreateCounter<long>("inbox.messages.duplicates", description: "Redelivered or duplicated messages skipped by the inbox");
    public static readonly Histogram<double> ConsumeDuration =
        Meter.CreateHistogram<double>("inbox.consume.duration", unit: "ms", description: "Time to apply a message's effects and commit");
    public static readonly Histogram<long> GroupSize =
        Meter.CreateHistogram<long>("inbox.group.size", description: "Messages committed together by the inbox's group commit");
    public static readonly Histogram<double> GroupDuration =
        Meter.CreateHistogram<double>("inbox.group.duration", unit: "ms", description: "Time from a group's first statement to its commit");
}
