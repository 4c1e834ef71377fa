using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Outbox;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>A contract renamed after rows were written under its former name: it keeps that name with [MessageUrn].</summary>
[MessageUrn("SemaineIndustrie.IntegrationTests.Messaging:ProbeEventBeforeItsRename")]
public sealed record RenamedProbeEvent(Guid SubmissionId, int SubmissionVersion, int Sequence) : ISubmissionEvent;

/// <summary>Outbox rows that can never be published as they are: parked, visible, replayable; renames strand nothing.</summary>
public sealed class OutboxParkingTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    private static async Task<long> InsertRowAsync(ProbeHost host, string type, string body, Guid partition)
    {
        await using var connection = await host.Service<NpgsqlDataSource>().OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, created_at, attempts)
            VALUES (@id, @type, @body::jsonb, @partition, now(), 0) RETURNING sequence_number
            """, connection);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("type", type);
        insert.Parameters.AddWithValue("body", body);
        insert.Parameters.AddWithValue("partition", partition.ToString());
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private static Task<OutboxMessage> RowAsync(ProbeHost host, long sequence) =>
        host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.SequenceNumber == sequence));

    [Fact]
    public async Task A_row_that_cannot_be_published_is_parked_its_partition_waits_the_others_flow_and_an_operator_replays_it()
    {
        using var metrics = new MetricRecorder(SemaineIndustrie.Messaging.MessagingTelemetry.Name);
        await using var consumer = await ProbeHost.StartAsync(infra, "parking-consumer", consumer: true);
        await using var producer = await ProbeHost.StartAsync(infra, "parking-producer", consumer: false);

        var stranded = Guid.NewGuid();
        var unknownType = await InsertRowAsync(producer, "urn:message:SemaineIndustrie.Contracts:NoSuchEvent", "{}", stranded);
        var unreadable = await InsertRowAsync(producer, MessageTypeNames.Of(typeof(ProbeEvent)), """{"submissionId":"not-a-guid","sequence":1}""", Guid.NewGuid());
        await producer.ProduceAsync(new ProbeEvent(stranded, 1, 2)); // after the parked row in its partition: must wait
        var others = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        await producer.ProduceAsync(others.Select(id => new ProbeEvent(id, 1, 1)).ToArray());

        await Eventually.Until(async () => (await consumer.EffectsAsync()).Count(e => others.Contains(e.SubmissionId)) == others.Length,
            "every other partition delivered");
        foreach (var sequence in new[] { unknownType, unreadable })
        {
            var row = await Eventually.Until(() => RowAsync(producer, sequence), r => r.ParkedAt is not null, $"row {sequence} parked");
            Assert.Null(row.SentAt);
            Assert.NotNull(row.LastError);
        }
        Assert.Contains("NoSuchEvent", (await RowAsync(producer, unknownType)).LastError);
        var waiting = await producer.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.PartitionKey == stranded.ToString() && m.SequenceNumber != unknownType));
        Assert.Null(waiting.SentAt);                                   // order is kept: it waits behind the parked row
        Assert.Null(waiting.ParkedAt);
        Assert.DoesNotContain(await consumer.EffectsAsync(), e => e.SubmissionId == stranded);

        var parked = await producer.Service<ParkedOutboxRows>().ListAsync(100, CancellationToken.None);
        Assert.Equal([unknownType, unreadable], parked.Select(p => p.SequenceNumber).Order());
        Assert.True(metrics.Sum("outbox.messages.parked", "message_type", "NoSuchEvent") >= 1);

        // The operator deploys the fix (here: the row's type and body corrected), then replays the row.
        await producer.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET message_type = {MessageTypeNames.Of(typeof(ProbeEvent))}, body = {JsonSerializer.Serialize(new ProbeEvent(stranded, 1, 1), JsonSerializerOptions.Web)}::jsonb WHERE sequence_number = {unknownType}"));
        Assert.True(await producer.Service<ParkedOutboxRows>().ReplayAsync(unknownType, CancellationToken.None));
        Assert.False(await producer.Service<ParkedOutboxRows>().ReplayAsync(unknownType, CancellationToken.None)); // no longer parked

        var delivered = await Eventually.Until(async () => (await consumer.EffectsAsync()).Where(e => e.SubmissionId == stranded).Select(e => e.Sequence).ToList(),
            s => s.Count == 2, "the stranded partition delivered after the replay");
        Assert.Equal([1, 2], delivered);                                // in its order
    }

    [Fact]
    public async Task Rows_written_under_a_contracts_former_name_or_as_a_dotnet_type_name_are_still_published()
    {
        await using var producer = await ProbeHost.StartAsync(infra, "rename-producer", consumer: false);
        var id = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new RenamedProbeEvent(id, 1, 1), JsonSerializerOptions.Web);
        var renamed = await InsertRowAsync(producer, "urn:message:SemaineIndustrie.IntegrationTests.Messaging:ProbeEventBeforeItsRename", body, id);
        var legacy = await InsertRowAsync(producer, $"{typeof(ProbeEvent).FullName}, {typeof(ProbeEvent).Assembly.GetName().Name}", body, Guid.NewGuid());

        foreach (var sequence in new[] { renamed, legacy })
        {
            var row = await Eventually.Until(() => RowAsync(producer, sequence), r => r.SentAt is not null || r.ParkedAt is not null, $"row {sequence} settled");
            Assert.NotNull(row.SentAt);
            Assert.Null(row.ParkedAt);
        }
        Assert.Equal("urn:message:SemaineIndustrie.IntegrationTests.Messaging:ProbeEventBeforeItsRename", MessageTypeNames.Of(typeof(RenamedProbeEvent)));
        Assert.Equal("urn:message:SemaineIndustrie.Contracts:SubmissionReceived", MessageTypeNames.Of(typeof(SubmissionReceived)));
    }
}
