namespace SemaineIndustrie.Messaging.Inbox;

/// <summary>Configuration section "Messaging:Inbox": how consumers' transactions are grouped (see <see cref="InboxBatcher"/>).</summary>
public sealed class InboxOptions
{
    public const string Section = "Messaging:Inbox";

    /// <summary>Off: every message in its own transaction, as before group commit.</summary>
    public bool Batching { get; set; } = true;
    /// <summary>Transactions that may be open at once per process (each groups the messages that waited meanwhile).</summary>
    public int Runners { get; set; } = 4;
    /// <summary>At most this many messages per transaction.</summary>
    public int MaxBatch { get; set; } = 32;
}
