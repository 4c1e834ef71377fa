using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Notification;

/// <summary>
/// What both senders (mail, webhooks) share: handle due rows one at a time until none is left, then wait for
/// a wake-up or the poll interval; a database outage is logged and tried again, never fatal.
/// </summary>
public abstract class PollingSender(WakeUp wakeUp, IOptions<NotificationOptions> options, ILogger logger) : BackgroundService
{
    protected NotificationOptions Settings => options.Value;

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
            try { await wakeUp.WaitAsync(options.Value.SenderPollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>After the n-th failed attempt: first delay, doubled each time, capped.</summary>
    protected TimeSpan Backoff(int attempts)
    {
        var delay = Settings.FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > Settings.MaxRetryDelay ? Settings.MaxRetryDelay : delay;
    }
}
