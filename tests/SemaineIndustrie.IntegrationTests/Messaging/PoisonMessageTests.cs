using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Redrive;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

public sealed class PoisonMessageTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task A_failing_message_reaches_the_error_queue_after_its_retries_while_others_flow_and_is_applied_once_when_replayed()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true, concurrency: 4);
        await using var producer = await ProbeHost.StartAsync(infra, "producer", consumer: false);
        var poisoned = Guid.NewGuid();

        await producer.ProduceAsync(new ProbeEvent(poisoned, 1, -1));
        await producer.ProduceAsync(Enumerable.Range(1, 20).Select(i => new ProbeEvent(Guid.NewGuid(), 1, i)).ToArray());

        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count == 20, "the 20 good messages applied");
        await Eventually.Until(async () => await infra.QueueDepthAsync(ProbeHost.Queue + "_error", mayNotExist: true) == 1, "the poison message in _error");
        Assert.Equal(1 + 3, consumer.Observations.PoisonAttempts); // first attempt + Messaging:Retry:Limit (3)
        Assert.Equal("quorum", await infra.QueueTypeAsync(ProbeHost.Queue));
        Assert.Equal("quorum", await infra.QueueTypeAsync(ProbeHost.Queue + "_error"));

        // The cause is fixed; an operator replays the error queue.
        consumer.Observations.PoisonFails = false;
        var redriver = consumer.Service<ErrorQueueRedriver>();
        Assert.Equal(1, await redriver.RedriveAsync(ProbeHost.Queue, 100, CancellationToken.None));
        await Eventually.Until(async () => (await consumer.EffectsAsync()).Any(e => e.SubmissionId == poisoned), "the replayed message applied");

        Assert.Equal(0, await redriver.RedriveAsync(ProbeHost.Queue, 100, CancellationToken.None));
        Assert.Equal(0u, await infra.QueueDepthAsync(ProbeHost.Queue + "_error"));
        var effects = await consumer.EffectsAsync();
        Assert.Equal(21, effects.Count);
        Assert.Single(effects, e => e.SubmissionId == poisoned);
    }
}
