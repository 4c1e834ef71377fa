using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

public sealed class OutboxCrashRecoveryTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task Messages_committed_by_a_process_that_died_before_publishing_are_delivered_after_restart()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true);
        var submission = Guid.NewGuid();

        // The first producer commits its state changes and outbox rows, then "dies" before its relay
        // publishes anything (the relay is off, exactly the window between commit and publish).
        await using (var dying = await ProbeHost.StartAsync(infra, "producer", consumer: false, relay: false))
        {
            for (var sequence = 1; sequence <= 5; sequence++) await dying.ProduceAsync(new ProbeEvent(submission, 1, sequence));
            Assert.Equal(5, await dying.PendingOutboxAsync());
        }
        Assert.Empty(consumer.Observations.Deliveries);

        await using var restarted = await ProbeHost.StartAsync(infra, "producer", consumer: false, relay: true);
        var effects = await Eventually.Until(consumer.EffectsAsync, e => e.Count >= 5, "5 effects after restart");

        Assert.Equal([1, 2, 3, 4, 5], effects.Select(e => e.Sequence));
        await Eventually.Until(async () => await restarted.PendingOutboxAsync() == 0, "every outbox row marked sent");
    }
}
