using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.WebUtilities;

namespace SemaineIndustrie.Notification.Unsubscribe;

/// <summary>
/// Unsubscribe links that need no sign-in: the recipient and the kind of mail, signed with an HMAC-SHA256
/// of this service's key. A link cannot be forged for another person or another kind; it does not expire
/// (a mail read months later must still work).
/// </summary>
public sealed class UnsubscribeLinks
{
    private const string DevelopmentKey = "development-only-unsubscribe-key-never-in-production";
    private readonly byte[] key;
    private readonly Uri publicBase;

    public UnsubscribeLinks(IOptions<NotificationOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.UnsubscribeKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment()) throw new InvalidOperationException("Notification:UnsubscribeKey (32+ characters) is required outside Development.");
            configured = DevelopmentKey;
        }
        if (configured.Length < 32) throw new InvalidOperationException("Notification:UnsubscribeKey must have at least 32 characters.");
        key = Encoding.UTF8.GetBytes(configured);
        publicBase = options.Value.PublicBaseUrl ?? throw new InvalidOperationException("Notification:PublicBaseUrl is required (the public site mails link to).");
    }

    public string Link(string recipientId, string kind) =>
        new Uri(publicBase, $"notifications/desabonnement?r={Uri.EscapeDataString(recipientId)}&k={Uri.EscapeDataString(kind)}&t={Token(recipientId, kind)}").AbsoluteUri;

    public bool IsValid(string? recipientId, string? kind, string? token) =>
        recipientId is { Length: > 0 and <= 100 } && kind is { Length: > 0 and <= 40 } && token is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(recipientId, kind)), Encoding.ASCII.GetBytes(token));

    private string Token(string recipientId, string kind) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(recipientId + "\n" + kind)));
}
