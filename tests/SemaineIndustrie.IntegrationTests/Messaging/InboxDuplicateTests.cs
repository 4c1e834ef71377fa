using MassTransit;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

public sealed class InboxDuplicateTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task The_same_message_delivered_several_times_even_concurrently_has_one_effect()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "consumer", consumer: true, concurrency: 4);
        var message = new ProbeEvent(Guid.NewGuid(), 1, 7);
        var messageId = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            consumer.Bus.Publish(message, context => context.MessageId = messageId)));

        await Eventually.Until(() => Task.FromResult(consumer.Observations.Deliveries.Count), n => n == 5, "5 deliveries");
        await Eventually.Until(async () => await infra.QueueDepthAsync(ProbeHost.Queue) == 0, "queue drained");
        var effects = await consumer.EffectsAsync();
        var effect = Assert.Single(effects);
        Assert.Equal(messageId, effect.MessageId);
    }
}
