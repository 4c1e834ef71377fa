using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Messaging.People;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Organisers;
using SemaineIndustrie.Notification.Unsubscribe;

namespace SemaineIndustrie.Notification;

public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<KnownSubmission> Submissions => Set<KnownSubmission>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();
    public DbSet<Unsubscription> Unsubscriptions => Set<Unsubscription>();
    public DbSet<Committees.OpenCase> OpenCases => Set<Committees.OpenCase>();
    public DbSet<Committees.ScheduledRun> ScheduledRuns => Set<Committees.ScheduledRun>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.PublishedEvent> PublishedEvents => Set<Webhooks.PublishedEvent>();
    public DbSet<KnownPerson> People => Set<KnownPerson>();
    public DbSet<Editions.EditionKit> EditionKits => Set<Editions.EditionKit>();
    public DbSet<Conversations.ConversationMail> ConversationMails => Set<Conversations.ConversationMail>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownSubmission>(e =>
        {
            e.ToTable("known_submissions");
            e.HasKey(s => s.SubmissionId);
            e.Property(s => s.OrganisationId).HasMaxLength(100);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.CommuneName).HasMaxLength(100);
        });
        modelBuilder.Entity<Delivery>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.EventKey, d.RecipientId, d.Channel }).IsUnique();
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.Property(d => d.EventKey).HasMaxLength(200);
            e.Property(d => d.Kind).HasMaxLength(40);
            e.Property(d => d.RecipientId).HasMaxLength(100);
            e.Property(d => d.Channel).HasMaxLength(20);
            e.Property(d => d.Address).HasMaxLength(320);
            e.Property(d => d.Language).HasMaxLength(5);
            e.Property(d => d.Subject).HasMaxLength(300);
            e.Property(d => d.UnsubscribeUrl).HasMaxLength(1000);
            e.Property(d => d.MessageId).HasMaxLength(200);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.LastError).HasMaxLength(1000);
        });
        modelBuilder.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("delivery_attempts");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.DeliveryId, a.Id });
            e.Property(a => a.Error).HasMaxLength(1000);
        });
        modelBuilder.Entity<Unsubscription>(e =>
        {
            e.ToTable("unsubscriptions");
            e.HasKey(u => new { u.RecipientId, u.Kind });
            e.Property(u => u.RecipientId).HasMaxLength(100);
            e.Property(u => u.Kind).HasMaxLength(40);
        });
        modelBuilder.Entity<Committees.OpenCase>(e =>
        {
            e.ToTable("open_cases");
            e.HasKey(c => c.CaseId);
            e.HasIndex(c => c.SubmissionId);
            e.HasIndex(c => new { c.Closed, c.Region });
            e.Property(c => c.Region).HasMaxLength(2);
            e.Property(c => c.Departement).HasMaxLength(3);
        });
        modelBuilder.Entity<Committees.ScheduledRun>(e =>
        {
            e.ToTable("scheduled_runs");
            e.HasKey(r => new { r.Job, r.Period });
            e.Property(r => r.Job).HasMaxLength(60);
            e.Property(r => r.Period).HasMaxLength(30);
        });
        modelBuilder.Entity<Webhooks.WebhookSubscription>(e =>
        {
            e.ToTable("webhook_subscriptions");
            e.HasKey(w => w.Id);
            e.Property(w => w.Url).HasMaxLength(500);
            e.Property(w => w.Secret).HasMaxLength(100);
            e.Property(w => w.ContactEmail).HasMaxLength(320);
            e.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(w => w.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<Webhooks.WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.SubscriptionId, d.EventKey }).IsUnique();
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasOne<Webhooks.WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.EventKey).HasMaxLength(200);
            e.Property(d => d.EventType).HasMaxLength(40);
            e.Property(d => d.Body).HasColumnType("text");
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.LastError).HasMaxLength(1000);
        });
        modelBuilder.Entity<Webhooks.PublishedEvent>(e =>
        {
            e.ToTable("published_events");
            e.HasKey(p => p.SubmissionId);
            e.Property(p => p.Region).HasMaxLength(2);
            e.Property(p => p.Departement).HasMaxLength(3);
        });
        modelBuilder.AddPeopleCopy();
        modelBuilder.Entity<Editions.EditionKit>(e =>
        {
            e.ToTable("edition_kits");
            e.HasKey(k => k.Year);
            e.Property(k => k.Year).ValueGeneratedNever();
            e.Property(k => k.Kit).HasColumnType("jsonb");
            e.Ignore(k => k.Items);
        });
        modelBuilder.Entity<Conversations.ConversationMail>(e =>
        {
            e.ToTable("conversation_mails");
            e.HasKey(m => m.Id);
            e.Property(m => m.To).HasMaxLength(10);
            e.Property(m => m.OrganisationId).HasMaxLength(100);
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.Region).HasMaxLength(3);
            e.Property(m => m.Departement).HasMaxLength(3);
            var lines = new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Conversations.ConversationLine>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList());
            e.Property(m => m.Lines).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, SemaineIndustrie.Contracts.ContractJson.Options),
                v => System.Text.Json.JsonSerializer.Deserialize<List<Conversations.ConversationLine>>(v, SemaineIndustrie.Contracts.ContractJson.Options) ?? new(), lines);
            e.HasIndex(m => new { m.SubmissionId, m.To, m.SentAt });
            e.HasIndex(m => m.ClosesAt).HasFilter("sent_at IS NULL");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
