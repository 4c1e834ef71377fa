using RabbitMQ.Client;
using SemaineIndustrie.Messaging.Bus;

namespace SemaineIndustrie.Messaging.Redrive;

public sealed record ErrorQueueStatus(string Queue, string ErrorQueue, uint Messages);

/// <summary>
/// Moves messages from a receive endpoint's "_error" queue back to the endpoint's queue once the cause
/// of their failure is fixed. Each message is republished (with publisher confirms, MassTransit's fault
/// headers removed) before it is acknowledged on the error queue, so a crash in between can only
/// duplicate it — and the consumer's inbox makes a duplicate harmless. The message keeps its MessageId.
/// </summary>
public sealed class ErrorQueueRedriver(BrokerAddress broker, ServiceEndpoints endpoints)
{
    public const string ErrorSuffix = "_error";

    public bool Knows(string queue) => endpoints.Contains(queue);

    public async Task<IReadOnlyList<ErrorQueueStatus>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Connect(cancellationToken);
        var result = new List<ErrorQueueStatus>();
        foreach (var queue in endpoints.Queues)
        {
            result.Add(new ErrorQueueStatus(queue, queue + ErrorSuffix, await CountAsync(connection, queue + ErrorSuffix, cancellationToken)));
        }
        return result;
    }

    public async Task<int> RedriveAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        if (!Knows(queue)) throw new ArgumentException($"'{queue}' is not a queue of this service", nameof(queue));

        await using var connection = await Connect(cancellationToken);
        if (await CountAsync(connection, queue + ErrorSuffix, cancellationToken) == 0) return 0;

        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var moved = 0;
        while (moved < limit)
        {
            var message = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken);
            if (message is null) break;

            var properties = new BasicProperties(message.BasicProperties);
            if (properties.Headers is { } headers)
            {
                properties.Headers = headers
                    .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(h => h.Key, h => h.Value);
            }

            // Default exchange, routing key = queue: back to this endpoint only, not to other subscribers.
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        return moved;
    }

    private Task<IConnection> Connect(CancellationToken cancellationToken) => broker.ConnectAsync("error-queue-redrive", cancellationToken);

    /// <summary>MassTransit creates an error queue with its first faulted message: a missing one holds none.</summary>
    private static async Task<uint> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken) =>
        await connection.MessageCountAsync(queue, cancellationToken) ?? 0;
}
