using Microsoft.Extensions.Logging;
using Npgsql;

namespace SemaineIndustrie.Messaging.Database;

/// <summary>
/// Wakes a worker the moment something it cares about commits: LISTEN on a channel that a trigger NOTIFYs
/// (PostgreSQL delivers at commit, drops on rollback, folds repeats within a transaction). A lost connection
/// is logged and reopened after a second; each (re)connection wakes the worker once, to catch up with whatever
/// committed while nobody listened. The worker still polls: a lost notification costs latency, never work.
/// </summary>
public static partial class PostgresListener
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, string channel, Action wake, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                wake();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenerError(logger, ex, channel);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LISTEN {Channel}: connection lost; polling until it is back")]
    private static partial void LogListenerError(ILogger logger, Exception exception, string channel);
}
