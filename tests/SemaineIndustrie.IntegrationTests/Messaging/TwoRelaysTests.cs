using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

public sealed class TwoRelaysTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task Two_relays_on_one_database_publish_each_row_once_and_keep_each_submissions_order()
    {
        // One consumer at a time on a FIFO queue: delivery order is the order the relays published in.
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true, concurrency: 1);
        await using var relayA = await ProbeHost.StartAsync(infra, "producer", consumer: false);
        await using var relayB = await ProbeHost.StartAsync(infra, "producer", consumer: false);

        const int submissions = 20, versions = 10;
        var ids = Enumerable.Range(0, submissions).Select(_ => Guid.NewGuid()).ToArray();
        for (var sequence = 1; sequence <= versions; sequence++)
        {
            // Alternate the writer: both replicas write and both relay.
            var writer = sequence % 2 == 0 ? relayA : relayB;
            await writer.ProduceAsync(ids.Select(id => new ProbeEvent(id, 1, sequence)).ToArray());
        }

        const int total = submissions * versions;
        await Eventually.Until(async () =>
                consumer.Observations.Deliveries.Count >= total
                && await relayA.PendingOutboxAsync() == 0
                && await infra.QueueDepthAsync(ProbeHost.Queue) == 0,
            "every row delivered and marked sent");

        var deliveries = consumer.Observations.Deliveries.ToList();
        Assert.Equal(total, deliveries.Count);
        Assert.Equal(total, deliveries.Select(d => d.MessageId).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(Enumerable.Range(1, versions), deliveries.Where(d => d.SubmissionId == id).Select(d => d.Sequence));
        }
        Assert.Equal(total, (await consumer.EffectsAsync()).Count);
    }
}
