using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace SemaineIndustrie.Messaging.Bus;

/// <summary>
/// Operations on a queue or an exchange that may not be there. The broker answers a missing one (404) or a refused
/// precondition (406) by closing the channel, so each operation gets a channel of its own and the connection lives on.
/// </summary>
internal static class ThrowawayChannels
{
    /// <returns>What the operation returned, or null: the queue or exchange is not there (or refused the operation).</returns>
    public static async Task<T?> OnThrowawayChannelAsync<T>(this IConnection connection, Func<IChannel, Task<T>> operation, CancellationToken cancellationToken)
        where T : struct
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return await operation(channel);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode is 404 or 406)
        {
            return null;
        }
    }

    /// <returns>The messages the queue holds, or null: there is no such queue.</returns>
    public static Task<uint?> MessageCountAsync(this IConnection connection, string queue, CancellationToken cancellationToken) =>
        connection.OnThrowawayChannelAsync(async c => (await c.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount, cancellationToken);
}
