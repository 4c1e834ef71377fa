using Microsoft.Extensions.Options;
using SemaineIndustrie.ServiceDefaults.Work;

namespace SemaineIndustrie.Notification;

/// <summary>What both senders (mail, webhooks) share: the shared polling loop at this service's interval, and its retry backoff.</summary>
public abstract class PollingSender(WakeUp wakeUp, IOptions<NotificationOptions> options, ILogger logger) : PollingWorker(wakeUp, logger)
{
    protected NotificationOptions Settings => options.Value;

    protected override TimeSpan PollInterval => options.Value.SenderPollInterval;

    /// <summary>After the n-th failed attempt: first delay, doubled each time, capped.</summary>
    protected TimeSpan Backoff(int attempts)
    {
        var delay = Settings.FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > Settings.MaxRetryDelay ? Settings.MaxRetryDelay : delay;
    }
}
