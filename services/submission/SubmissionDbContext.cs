using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Submission.Submissions;

namespace SemaineIndustrie.Submission;

public sealed class SubmissionDbContext(DbContextOptions<SubmissionDbContext> options) : DbContext(options)
{
    public DbSet<EventSubmission> Submissions => Set<EventSubmission>();
    public DbSet<SubmissionVersion> Versions => Set<SubmissionVersion>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<Editions.EditionRecord> Editions => Set<Editions.EditionRecord>();
    public DbSet<Editions.EditionChange> EditionChanges => Set<Editions.EditionChange>();
    public DbSet<Drafts.Draft> Drafts => Set<Drafts.Draft>();
    public DbSet<Drafts.SentReminder> SentReminders => Set<Drafts.SentReminder>();
    public DbSet<Pictures.StoredPicture> Pictures => Set<Pictures.StoredPicture>();
    public DbSet<Pictures.StoredPictureFile> PictureFiles => Set<Pictures.StoredPictureFile>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventSubmission>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(s => s.Id);
            e.Property(s => s.OrganiserId).HasMaxLength(100);
            e.Property(s => s.CreatedBy).HasMaxLength(100);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(s => s.ReviewerMessage).HasMaxLength(2000);
            e.Property(s => s.Title).HasMaxLength(LabellingRules.TitleMax);
            e.Property(s => s.CommuneInsee).HasMaxLength(5);
            e.Property(s => s.Departement).HasMaxLength(3);
            e.Property(s => s.Region).HasMaxLength(2);
            e.Property(s => s.RowVersion).IsRowVersion();
            e.HasIndex(s => new { s.OrganiserId, s.Id });
            e.HasMany(s => s.History).WithOne().HasForeignKey(h => h.SubmissionId);
            e.Navigation(s => s.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<StatusChange>(e =>
        {
            e.ToTable("submission_status_changes");
            e.HasKey(h => h.Id);
            e.Property(h => h.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(h => h.Message).HasMaxLength(2000);
            e.HasIndex(h => new { h.SubmissionId, h.Id });
        });
        modelBuilder.Entity<SubmissionVersion>(e =>
        {
            e.ToTable("submission_versions");
            e.HasKey(v => new { v.SubmissionId, v.Version });
            e.Property(v => v.Content).HasColumnType("jsonb");
            e.Property(v => v.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<IdempotencyKey>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(k => new { k.OrganiserId, k.Key });
            e.Property(k => k.OrganiserId).HasMaxLength(100);
            e.Property(k => k.Key).HasMaxLength(200);
            e.Property(k => k.RequestHash).HasMaxLength(64);
        });
        modelBuilder.Entity<Editions.EditionRecord>(e =>
        {
            e.ToTable("editions");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Content).HasColumnType("jsonb");
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.UpdatedBy).HasMaxLength(100);
            e.Property(x => x.RowVersion).IsRowVersion();
            e.Ignore(x => x.Request);
        });
        modelBuilder.Entity<Editions.EditionChange>(e =>
        {
            e.ToTable("edition_changes");
            e.HasKey(x => x.Id);
            e.Property(x => x.By).HasMaxLength(100);
            e.Property(x => x.ByName).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Details).HasColumnType("jsonb");
            e.HasIndex(x => x.Year);
        });
        modelBuilder.Entity<Drafts.Draft>(e =>
        {
            e.ToTable("drafts");
            e.HasKey(x => x.Id);
            e.Property(x => x.OrganiserId).HasMaxLength(100);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.Content).HasColumnType("jsonb");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.StartsAt).HasMaxLength(40);
            e.Property(x => x.RowVersion).IsRowVersion();
            e.Ignore(x => x.Request);
            e.HasIndex(x => new { x.OrganiserId, x.UpdatedAt });
        });
        modelBuilder.Entity<Drafts.SentReminder>(e =>
        {
            e.ToTable("sent_reminders");
            e.HasKey(x => new { x.OrganiserId, x.Edition, x.Kind });
            e.Property(x => x.OrganiserId).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(10);
        });
        modelBuilder.Entity<Pictures.StoredPicture>(e =>
        {
            e.ToTable("pictures");
            e.HasKey(x => x.Id);
            e.Property(x => x.OrganiserId).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.Property(x => x.Format).HasMaxLength(10);
            e.Ignore(x => x.Sizes);
            e.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.PictureId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.OrganiserId, x.UploadedAt });
        });
        modelBuilder.Entity<Pictures.StoredPictureFile>(e =>
        {
            e.ToTable("picture_files");
            e.HasKey(x => new { x.PictureId, x.Width });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
