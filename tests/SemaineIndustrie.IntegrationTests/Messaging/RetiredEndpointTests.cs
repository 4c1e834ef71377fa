using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>
/// Publication no longer consumes SubmissionReceived nor SubmissionRevised (the content comes with the venue's location). On a broker
/// that ran the earlier version, their queues stayed bound to those messages: the service deletes them at start, so they do not fill
/// up forever, and keeps a non-empty _error queue for an operator.
/// </summary>
public sealed class RetiredEndpointTests : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();

    public Task InitializeAsync() => infra.InitializeAsync();

    public Task DisposeAsync() => infra.DisposeAsync();

    [Fact]
    public async Task The_queues_of_removed_consumers_are_deleted_at_start_and_a_non_empty_error_queue_is_kept()
    {
        await using (var connection = await new ConnectionFactory { Uri = infra.RabbitMq }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            // What MassTransit declared for the earlier version's consumer: message exchange → endpoint exchange → quorum queue.
            const string received = "SemaineIndustrie.Contracts:SubmissionReceived", retired = "publication-submission-content";
            var quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
            await channel.ExchangeDeclareAsync(received, ExchangeType.Fanout, durable: true);
            await channel.ExchangeDeclareAsync(retired, ExchangeType.Fanout, durable: true);
            await channel.ExchangeBindAsync(retired, received, "");
            await channel.QueueDeclareAsync(retired, durable: true, exclusive: false, autoDelete: false, quorum);
            await channel.QueueBindAsync(retired, retired, "");
            await channel.QueueDeclareAsync(retired + "_error", durable: true, exclusive: false, autoDelete: false, quorum);
            await channel.QueueDeclareAsync("publication-revised-content_error", durable: true, exclusive: false, autoDelete: false, quorum);
            for (var i = 0; i < 3; i++) await channel.BasicPublishAsync(received, "", "{}"u8.ToArray());
            await channel.BasicPublishAsync("", retired + "_error", "{}"u8.ToArray());
        }
        await Eventually.Until(() => infra.QueueDepthAsync("publication-submission-content"), n => n == 3, "the retired queue filling up");

        await using var publication = new ServiceHost<SemaineIndustrie.Publication.ServiceMarker>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await infra.DatabaseAsync("publication"),
            ["ConnectionStrings:RabbitMq"] = infra.RabbitMq.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:Authority"] = "http://127.0.0.1:9/",
        });
        publication.Start();

        Assert.False(await ExistsAsync(c => c.QueueDeclarePassiveAsync("publication-submission-content")));
        Assert.False(await ExistsAsync(c => c.ExchangeDeclarePassiveAsync("publication-submission-content")));
        Assert.False(await ExistsAsync(c => c.QueueDeclarePassiveAsync("publication-revised-content_error")));  // empty: deleted
        Assert.Equal(1u, await infra.QueueDepthAsync("publication-submission-content_error"));                    // kept for an operator
        Assert.True(await ExistsAsync(c => c.QueueDeclarePassiveAsync("publication-location")));                   // the endpoints it has are there
    }

    private async Task<bool> ExistsAsync(Func<IChannel, Task> passiveDeclare)
    {
        await using var connection = await new ConnectionFactory { Uri = infra.RabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await passiveDeclare(channel);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }
}
