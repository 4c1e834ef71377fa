using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Inbox;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>
/// The inbox's group commit (several messages in one transaction when they queue up) keeps every guarantee of
/// one-message transactions: each message applied exactly once, and a message that fails inside its effects fails
/// alone — the group it was in rolls back and its other messages are applied one by one.
/// </summary>
public sealed class InboxGroupCommitTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    [Fact]
    public async Task A_burst_is_committed_in_groups_and_every_message_applies_exactly_once()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "burst", consumer: true, concurrency: 16);
        var submissions = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await consumer.ProduceAsync(submissions.SelectMany(s => Enumerable.Range(1, 10).Select(i => new ProbeEvent(s, 1, i))).ToArray());

        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count >= 400, "400 effects");
        await Eventually.Until(async () => await infra.QueueDepthAsync(ProbeHost.Queue) == 0, "queue drained");
        var effects = await consumer.EffectsAsync();
        Assert.Equal(400, effects.Count);
        Assert.Equal(400, effects.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(400, effects.Select(e => (e.SubmissionId, e.Sequence)).Distinct().Count());

        var (groups, grouped, largest, _) = consumer.Service<InboxBatcher>().Statistics;
        Assert.True(groups > 0 && grouped > groups && largest > 1, $"messages were grouped: {groups} groups holding {grouped} messages, largest {largest}");
    }

    [Fact]
    public async Task A_message_failing_inside_a_group_reaches_the_error_queue_alone_and_the_others_of_its_group_apply()
    {
        await using var consumer = await ProbeHost.StartAsync(infra, "groupfailure", consumer: true, concurrency: 16);
        consumer.Observations.FailInsideEffectsAt = 666;
        var poisoned = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var messages = Enumerable.Range(0, 300).Select(i => new ProbeEvent(Guid.NewGuid(), 1, i)).ToList();
        for (var p = 0; p < poisoned.Length; p++) messages.Insert(50 + 100 * p, new ProbeEvent(poisoned[p], 1, 666));
        await consumer.ProduceAsync([.. messages]);

        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count >= 300, "the 300 good messages applied");
        await Eventually.Until(async () => await infra.QueueDepthAsync(ProbeHost.Queue + "_error", mayNotExist: true) == 3, "the three failing messages in _error");
        var effects = await consumer.EffectsAsync();
        Assert.Equal(300, effects.Count);
        Assert.Equal(300, effects.Select(e => e.MessageId).Distinct().Count());
        Assert.DoesNotContain(effects, e => poisoned.Contains(e.SubmissionId));
        var (groups, _, _, fallbacks) = consumer.Service<InboxBatcher>().Statistics;
        Assert.True(groups > 0 && fallbacks > 0, $"the failures happened inside groups: {groups} groups, {fallbacks} rolled back and applied one by one");

        // Fixed and replayed: applied once each.
        consumer.Observations.PoisonFails = false;
        Assert.Equal(3, await consumer.Service<SemaineIndustrie.Messaging.Redrive.ErrorQueueRedriver>().RedriveAsync(ProbeHost.Queue, 100, CancellationToken.None));
        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count == 303, "the replayed messages applied");
        Assert.Equal(3, (await consumer.EffectsAsync()).Count(e => poisoned.Contains(e.SubmissionId)));
    }
}
