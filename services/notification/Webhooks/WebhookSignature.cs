using System.Security.Cryptography;
using System.Text;

namespace SemaineIndustrie.Notification.Webhooks;

/// <summary>
/// <c>Webhook-Signature: v1=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c>, with the timestamp
/// (Unix seconds) in <c>Webhook-Timestamp</c> and the delivery's id in <c>Webhook-Id</c>. Receivers verify
/// it with <see cref="Verify"/> (the snippet in docs/notifications.md is this code) and refuse old timestamps.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool Verify(string secret, string timestampHeader, string signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false; // a replayed old delivery
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)));
    }
}
