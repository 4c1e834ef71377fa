using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Inbox;

namespace SemaineIndustrie.Messaging.Outbox;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Maps the outbox and inbox tables into a service's DbContext (and so its migrations).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(m => m.SequenceNumber);
            e.Property(m => m.SequenceNumber).UseIdentityAlwaysColumn();
            e.HasIndex(m => m.MessageId).IsUnique();
            e.Property(m => m.MessageType).HasMaxLength(300);
            e.HasIndex(m => m.ParkedAt).HasDatabaseName("ix_outbox_messages_parked").HasFilter("parked_at IS NOT NULL");
            e.Property(m => m.Body).HasColumnType("jsonb");
            e.Property(m => m.PartitionKey).HasMaxLength(100);
            e.Property(m => m.TraceParent).HasMaxLength(64);
            e.Property(m => m.TraceState).HasMaxLength(512);
            e.Property(m => m.LastError).HasMaxLength(2000);
            // The relay's two questions: "what is pending, oldest first" and "is there an older pending
            // row for this partition". Both indexes cover only pending rows, so they stay small.
            e.HasIndex(m => m.SequenceNumber).HasDatabaseName("ix_outbox_messages_pending").HasFilter("sent_at IS NULL");
            e.HasIndex(m => new { m.PartitionKey, m.SequenceNumber }).HasDatabaseName("ix_outbox_messages_pending_partition").HasFilter("sent_at IS NULL");
            e.HasIndex(m => m.SentAt).HasDatabaseName("ix_outbox_messages_sent_at").HasFilter("sent_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(m => new { m.Consumer, m.MessageId });
            e.Property(m => m.Consumer).HasMaxLength(200);
            e.Property(m => m.MessageType).HasMaxLength(300);
            e.HasIndex(m => m.ProcessedAt);
        });
        return modelBuilder;
    }
}
