using System.Security.Cryptography;
using System.Text;
using SemaineIndustrie.Contracts;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// The id an outbox row gives its message. News a producer raises once per (submission, version) — an
/// <see cref="IOncePerVersion"/> event, or one its caller names with an occurrence — gets an id derived from what it says:
/// a name-based UUID (version 8, SHA-256) of its type's URN, submission, version and occurrence. Raised again — by a
/// producer restored to an earlier point that redoes the work, or rebuilt by reconciliation — it carries the same id,
/// and every inbox that applied it drops it. Anything else gets a time-ordered id (version 7).
/// </summary>
public static class MessageIdentity
{
    public static Guid For(object message, string? occurrence = null) =>
        message is ISubmissionEvent e && (occurrence is not null || message is IOncePerVersion)
            ? Derived(MessageTypeNames.Of(message.GetType()), e.SubmissionId, e.SubmissionVersion, occurrence ?? "")
            : Guid.CreateVersion7();

    public static Guid Derived(string messageType, Guid submissionId, int version, string occurrence)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{messageType}|{submissionId:D}|{version}|{occurrence}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (RFC 9562: custom, here name-based on SHA-256)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
