using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>
/// A subscription's signing secret is never stored: the database keeps a random salt, and the secret is the
/// HMAC-SHA256 of the subscription's id and salt under <c>Notification:WebhookSecretKey</c> (a Kubernetes Secret).
/// A copy of the database alone cannot sign a delivery. Subscriptions made before this kept their secret in the
/// column (<c>whsec_…</c>): it is used as it is until they are made again.
/// </summary>
public sealed class WebhookSecrets(IOptions<NotificationOptions> options, IHostEnvironment environment)
{
    private const string DevelopmentKey = "development-only-webhook-secret-key-never-in-production";
    private const string SaltPrefix = "salt_";
    private readonly Lazy<byte[]> key = new(() =>
    {
        var configured = options.Value.WebhookSecretKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment()) throw new InvalidOperationException("Notification:WebhookSecretKey (32+ characters) is required outside Development.");
            configured = DevelopmentKey;
        }
        if (configured.Length < 32) throw new InvalidOperationException("Notification:WebhookSecretKey must have at least 32 characters.");
        return Encoding.UTF8.GetBytes(configured);
    });

    /// <summary>What a new subscription stores (the salt).</summary>
    public static string NewSalt() => SaltPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secret that signs this subscription's deliveries (given to the partner once, at creation).</summary>
    public string SigningSecret(Guid subscription, string stored) => stored.StartsWith(SaltPrefix, StringComparison.Ordinal)
        ? "whsec_" + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(subscription.ToString("N") + "\n" + stored)))
        : stored;
}
