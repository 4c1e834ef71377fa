using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.ServiceDefaults.Work;

/// <summary>
/// A housekeeping job that runs at start and then at every <see cref="Interval"/> (purges, windows to send): a failed run
/// (the database restarting) is logged and tried again at the next interval, never fatal. The job logs what it did.
/// </summary>
public abstract partial class PeriodicJob(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run; also called directly (tests, an operator) rather than waiting for the interval.</summary>
    public abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed; next try at the next interval")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
