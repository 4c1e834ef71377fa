using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.Messaging.Bus;

/// <summary>
/// Receive endpoints a service no longer has (their consumer was removed from the flow). MassTransit never deletes a queue, so on a
/// broker that ran the older version the queue would stay bound to its messages' exchange and fill up forever. At start, each is
/// deleted with its endpoint exchange (what binds it to the messages); its <c>_error</c> and <c>_skipped</c> queues only when empty,
/// since what they hold is for an operator to read.
/// </summary>
public sealed partial class RetiredEndpoints(BrokerAddress broker, IReadOnlyList<string> queues, ILogger<RetiredEndpoints> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RetireAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRetired(logger, ex); // housekeeping: the service starts anyway (the bus waits for the broker), the next start tries again
        }
    }

    private async Task RetireAsync(CancellationToken cancellationToken)
    {
        await using var connection = await broker.ConnectAsync("retired-endpoints", cancellationToken);
        foreach (var queue in queues)
        {
            var deleted = await connection.OnThrowawayChannelAsync(c => c.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken), cancellationToken);
            await connection.OnThrowawayChannelAsync(async c => { await c.ExchangeDeleteAsync(queue, ifUnused: false, cancellationToken: cancellationToken); return 0u; }, cancellationToken);
            foreach (var parked in new[] { queue + "_error", queue + "_skipped" })
            {
                var kept = await connection.MessageCountAsync(parked, cancellationToken);
                // Quorum queues refuse if-empty deletes; nothing routes to a retired endpoint's _error queue any more, so the count holds.
                if (kept is 0) await connection.OnThrowawayChannelAsync(c => c.QueueDeleteAsync(parked, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken), cancellationToken);
                else if (kept is > 0) LogParkedKept(logger, parked, kept.Value);
            }
            if (deleted is { } dropped) LogRetired(logger, queue, dropped);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retired endpoints could not be deleted at this start")]
    private static partial void LogNotRetired(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retired endpoint {Queue} deleted ({Messages} messages it no longer needs)")]
    private static partial void LogRetired(ILogger logger, string queue, uint messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue} of a retired endpoint still holds {Messages} messages: kept for an operator")]
    private static partial void LogParkedKept(ILogger logger, string queue, uint messages);
}
