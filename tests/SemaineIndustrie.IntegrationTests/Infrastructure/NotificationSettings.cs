using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.ServiceDefaults.Mail;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>The notification service in a test platform: mail to the shared smtp4dev, links to the platform's gateway, recipients from its identity service.</summary>
public static class NotificationSettings
{
    public const string ClientId = "notification";
    public const string ClientSecret = "notification-secret-for-tests";

    public static IReadOnlyDictionary<string, string?> For(Uri identity, Uri publication, int gatewayPort)
    {
        var smtp = InfrastructureSettings.Instance;
        return new Dictionary<string, string?>
        {
            ["Notification:PublicBaseUrl"] = $"http://127.0.0.1:{gatewayPort}/",
            ["Notification:Identity:BaseUrl"] = identity.ToString(),
            ["Notification:Identity:ClientId"] = ClientId,
            ["Notification:Identity:ClientSecret"] = ClientSecret,
            ["Notification:UnsubscribeKey"] = "a-test-key-for-unsubscribe-links-0123456789",
            ["Notification:SenderPollInterval"] = "00:00:00.200",

            ["Notification:FirstRetryDelay"] = "00:00:00.200",
            ["Notification:MaxRetryDelay"] = "00:00:01",
            ["Notification:MaxAttempts"] = "3",
            ["Notification:Digest:Enabled"] = "false", // digests are run by the tests, period by period
            ["Notification:CatalogueBaseUrl"] = publication.ToString(),
            ["Notification:Webhooks:AllowLoopbackHttp"] = "true",
            ["Notification:Webhooks:Timeout"] = "00:00:01",
            ["Notification:Webhooks:FailuresBeforePause"] = "3",
            ["Mail:Host"] = smtp.SmtpHost,
            ["Mail:Port"] = smtp.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
        };
    }

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
        services.AddSingleton<IMailTransport>(provider => new CrashAfterSendOnce(new SmtpMailTransport(provider.GetRequiredService<IOptions<MailOptions>>())));

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
