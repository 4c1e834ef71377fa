using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>Stops the shared broker, so it runs alone, after every parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection : ICollectionFixture<IsolatedInfrastructure>
{
    public const string Name = "broker outage";
}

[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(IsolatedInfrastructure infra)
{
    [Fact]
    public async Task Submissions_written_while_RabbitMQ_is_down_are_all_delivered_exactly_once_and_in_order()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true, concurrency: 1);
        await using var producer = await ProbeHost.StartAsync(infra, "producer", consumer: false, settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
        });

        const int partitions = 15, total = 150;
        var ids = Enumerable.Range(0, partitions).Select(_ => Guid.NewGuid()).ToArray();
        var brokerStopped = false;
        try
        {
            for (var i = 0; i < total; i++)
            {
                if (i == 50)
                {
                    await Broker.StopAsync();
                    brokerStopped = true;
                }
                if (i == 110)
                {
                    // Proof that the broker really was away: the relay could not publish what was written.
                    Assert.True(await producer.PendingOutboxAsync() >= 50, "rows written during the outage should still be pending");
                    await Broker.StartAsync();
                    brokerStopped = false;
                }
                // The service keeps accepting work while the broker is away: only the database is written.
                await producer.ProduceAsync(new ProbeEvent(ids[i % partitions], 1, i / partitions + 1));
            }
        }
        finally
        {
            if (brokerStopped) await Broker.StartAsync();
        }

        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count >= total && await producer.PendingOutboxAsync() == 0,
            "all 150 effects after the broker came back", TimeSpan.FromSeconds(90));

        var effects = await consumer.EffectsAsync();
        Assert.Equal(total, effects.Count);
        Assert.Equal(total, effects.Select(e => e.MessageId).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(Enumerable.Range(1, total / partitions), effects.Where(e => e.SubmissionId == id).Select(e => e.Sequence));
        }
    }
}
