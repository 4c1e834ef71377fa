using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.ServiceDefaults.Work;

/// <summary>
/// A worker over rows in its service's database (an outbox of mails, webhooks, reset requests): handle due rows one at a
/// time until none is left, then wait for a wake-up or the poll interval; a database outage is logged and tried again,
/// never fatal.
/// </summary>
public abstract class PollingWorker(WakeUp wakeUp, ILogger logger) : BackgroundService
{
    /// <summary>How long to wait when nothing woke this worker (other replicas' work, retries coming due).</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <returns>true when a row was handled (there may be more).</returns>
    public abstract Task<bool> SendNextAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendNextAsync(stoppingToken)) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Sender}: the database is unavailable; trying again shortly", GetType().Name);
            }
            try { await wakeUp.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
