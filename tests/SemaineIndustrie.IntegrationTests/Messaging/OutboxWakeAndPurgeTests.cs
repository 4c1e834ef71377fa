using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Outbox;
using Xunit;
using Xunit.Abstractions;

namespace SemaineIndustrie.IntegrationTests.Messaging;

public sealed class OutboxWakeAndPurgeTests(IsolatedInfrastructure infra, ITestOutputHelper output) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task A_commit_wakes_the_relay_without_polling_and_sent_rows_are_purged_after_retention()
    {
        using var metrics = new MetricRecorder(SemaineIndustrie.Messaging.MessagingTelemetry.Name);
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true);
        await using var producer = await ProbeHost.StartAsync(infra, "producer", consumer: false, settings: new Dictionary<string, string?>
        {
            // Polling every 10 minutes: within this test only LISTEN/NOTIFY can wake the relay.
            ["Messaging:Outbox:PollInterval"] = "00:10:00",
            ["Messaging:Outbox:SentRetention"] = "00:00:00",
            ["Messaging:Outbox:HousekeepingInterval"] = "00:00:00.200",
        });

        for (var i = 1; i <= 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await producer.ProduceAsync(new ProbeEvent(Guid.NewGuid(), 1, i));
            await Eventually.Until(async () => (await consumer.EffectsAsync()).Count >= i, $"effect {i}", TimeSpan.FromSeconds(15));
            output.WriteLine($"commit -> consumer effect committed: {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        await Eventually.Until(
            () => producer.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()), count => count == 0,
            "sent outbox rows purged by housekeeping");

        // Other probe tests run in parallel in this process: at least our three, tagged with the type.
        Assert.True(metrics.Sum("outbox.messages.published", "message_type", nameof(ProbeEvent)) >= 3);
        Assert.True(metrics.Sum("inbox.messages.consumed", "message_type", nameof(ProbeEvent)) >= 3);
        Assert.True(metrics.Count("inbox.consume.duration") >= 3);
    }
}
