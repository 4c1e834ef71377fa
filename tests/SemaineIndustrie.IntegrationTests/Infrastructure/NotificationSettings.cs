using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>The notification service in a test platform: deploy/platform.settings (mail to the shared smtp4dev, links to the gateway) plus <see cref="TestOnly"/>.</summary>
public static class NotificationSettings
{
    /// <summary>What a test platform's notification service has on top of deploy/platform.settings: quick polls and retries, digests run by the tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestOnly = new Dictionary<string, string?>
    {
        ["Notification:UnsubscribeKey"] = "a-test-key-for-unsubscribe-links-0123456789",
        ["Notification:SenderPollInterval"] = "00:00:00.200",
        ["Notification:FirstRetryDelay"] = "00:00:00.200",
        ["Notification:MaxRetryDelay"] = "00:00:01",
        ["Notification:MaxAttempts"] = "3",
        ["Notification:Digest:Enabled"] = "false", // digests are run by the tests, period by period
        ["Notification:Webhooks:AllowLoopbackHttp"] = "true",
        ["Notification:Webhooks:Timeout"] = "00:00:01",
        ["Notification:Webhooks:FailuresBeforePause"] = "3",
    };

    /// <summary>Recipients whose address holds this marker see the sender "crash" once right after the relay accepted their mail.</summary>
    public const string CrashMarker = "+crash-after-send";

    /// <summary>Recipients whose address holds this marker are refused by the "relay" until <see cref="RelayAcceptsRefusedAddresses"/> is set.</summary>
    public const string RefusedMarker = "+refused-by-relay";
    public static volatile bool RelayAcceptsRefusedAddresses;

    /// <summary>
    /// The real SMTP transport, except that for <see cref="CrashMarker"/> addresses the first send of each
    /// delivery throws after the relay accepted it — what a process killed between "sent" and "recorded" leaves.
    /// </summary>
    public static void CrashAfterSendOnceFor(IServiceCollection services) =>
        services.AddSingleton<IMailTransport>(provider => new CrashAfterSendOnce(new SmtpMailTransport(provider.GetRequiredService<SmtpMailer>())));

    private sealed class CrashAfterSendOnce(IMailTransport inner) : IMailTransport
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Crashed = new(); // once per delivery, whichever replica sends it

        public async Task SendAsync(Delivery delivery, CancellationToken ct)
        {
            if (delivery.Address.Contains(RefusedMarker, StringComparison.Ordinal) && !RelayAcceptsRefusedAddresses)
                throw new IOException("550 simulated: mailbox unavailable");
            await inner.SendAsync(delivery, ct);
            if (delivery.Address.Contains(CrashMarker, StringComparison.Ordinal) && Crashed.TryAdd(delivery.Id, true))
                throw new IOException("simulated crash between the relay's acceptance and the record");
        }
    }
}
