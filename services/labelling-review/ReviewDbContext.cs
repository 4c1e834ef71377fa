using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Messaging.People;

namespace SemaineIndustrie.LabellingReview;

public sealed class ReviewDbContext(DbContextOptions<ReviewDbContext> options) : DbContext(options)
{
    public DbSet<ReviewCase> Cases => Set<ReviewCase>();
    public DbSet<VenueLocationStatus> Locations => Set<VenueLocationStatus>();
    public DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();
    public DbSet<CaseNote> Notes => Set<CaseNote>();
    public DbSet<CaseAuditEntry> Audit => Set<CaseAuditEntry>();
    public DbSet<Motivations.MotivationTemplate> MotivationTemplates => Set<Motivations.MotivationTemplate>();
    public DbSet<Reviewers.ReviewerName> ReviewerNames => Set<Reviewers.ReviewerName>();
    public DbSet<Editions.KnownEdition> Editions => Set<Editions.KnownEdition>();
    public DbSet<Pictures.CasePicture> CasePictures => Set<Pictures.CasePicture>();
    public DbSet<Conversations.CaseMessage> Messages => Set<Conversations.CaseMessage>();
    public DbSet<Views.SavedView> SavedViews => Set<Views.SavedView>();
    public DbSet<KnownPerson> People => Set<KnownPerson>();
    public DbSet<Sharing.CaseEscalation> Escalations => Set<Sharing.CaseEscalation>();

    /// <summary>Appends to a case's audit trail (committed with the change it describes).</summary>
    public void Record(ReviewCase reviewCase, string actor, string action, DateTimeOffset at, string? detail = null) =>
        Audit.Add(new CaseAuditEntry { CaseId = reviewCase.Id, At = at, Actor = actor, Action = action, SubmissionVersion = reviewCase.SubmissionVersion, Detail = detail });

    /// <summary>What a case's state change leaves behind, committed with it: its audit line and its event (outbox).</summary>
    public void Record(ReviewCase reviewCase, string actor, CaseTransition? transition, DateTimeOffset at)
    {
        if (transition is null) return;
        Record(reviewCase, actor, transition.Action, at, transition.Detail);
        if (transition.Event is { } message) this.AddToOutbox(message);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<ReviewCase>(e =>
        {
            e.ToTable("review_cases");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.SubmissionId).IsUnique();
            e.Property(c => c.OrganiserId).HasMaxLength(100);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.CommuneInsee).HasMaxLength(5);
            e.Property(c => c.Departement).HasMaxLength(3);
            e.Property(c => c.Region).HasMaxLength(2);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Details).HasColumnType("jsonb");
            e.Property(c => c.PreChecks).HasColumnType("jsonb");
            e.Property(c => c.ClaimedBy).HasMaxLength(100);
            e.Property(c => c.DecidedBy).HasMaxLength(100);
            e.Property(c => c.DecisionMessage).HasMaxLength(2000);
            e.Property(c => c.RowVersion).IsRowVersion();
            // The queue: a région's (or département's) cases by status, oldest first.
            e.HasIndex(c => new { c.Region, c.Departement, c.Status, c.VersionReceivedAt, c.Id });
            e.HasIndex(c => new { c.OrganiserId, c.CommuneInsee, c.EventDay });
            e.HasIndex(c => new { c.Edition, c.Region, c.Departement });
            e.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops"); // substring search (pg_trgm)
        });
        modelBuilder.Entity<Editions.KnownEdition>(e =>
        {
            e.ToTable("editions");
            e.HasKey(k => k.Year);
            e.Property(k => k.Year).ValueGeneratedNever();
            e.Property(k => k.Content).HasColumnType("jsonb");
        });
        modelBuilder.Entity<VenueLocationStatus>(e =>
        {
            e.ToTable("venue_location_statuses");
            e.HasKey(l => l.SubmissionId);
            e.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(l => l.Detail).HasMaxLength(300);
        });
        modelBuilder.Entity<Withdrawal>(e =>
        {
            e.ToTable("withdrawals");
            e.HasKey(w => w.SubmissionId);
        });
        modelBuilder.Entity<CaseNote>(e =>
        {
            e.ToTable("case_notes");
            e.HasKey(n => n.Id);
            e.HasIndex(n => new { n.CaseId, n.At });
            e.Property(n => n.Author).HasMaxLength(100);
            e.Property(n => n.Text).HasMaxLength(4000);
        });
        modelBuilder.Entity<Reviewers.ReviewerName>(e =>
        {
            e.ToTable("reviewer_names");
            e.HasKey(r => r.Subject);
            e.Property(r => r.Subject).HasMaxLength(100);
            e.Property(r => r.Name).HasMaxLength(Reviewers.ReviewerNames.NameMax);
        });
        modelBuilder.Entity<Motivations.MotivationTemplate>(e =>
        {
            e.ToTable("motivation_templates");
            e.HasKey(t => t.Id);
            e.HasIndex(t => new { t.Region, t.Title });
            e.Property(t => t.Region).HasMaxLength(2);
            e.Property(t => t.Title).HasMaxLength(Motivations.MotivationsApi.TitleMax);
            e.Property(t => t.Text).HasMaxLength(Decisions.DecisionsApi.MessageMax);
            e.Property(t => t.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<CaseAuditEntry>(e =>
        {
            e.ToTable("case_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
            e.HasIndex(a => new { a.CaseId, a.Id });
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Detail).HasMaxLength(2000);
        });
        modelBuilder.Entity<Pictures.CasePicture>(e =>
        {
            e.ToTable("case_pictures");
            e.HasKey(p => p.PictureId);
            e.HasIndex(p => p.SubmissionId);
        });
        modelBuilder.Entity<Conversations.CaseMessage>(e =>
        {
            e.ToTable("case_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.From).HasMaxLength(10);
            e.Property(m => m.AuthorId).HasMaxLength(100);
            e.Property(m => m.AuthorName).HasMaxLength(200);
            e.Property(m => m.Text).HasMaxLength(Conversations.CaseMessage.MaxLength);
            e.HasIndex(m => new { m.CaseId, m.At });
            e.HasIndex(m => m.SubmissionId);
        });
        modelBuilder.Entity<Views.SavedView>(e =>
        {
            e.ToTable("saved_views");
            e.HasKey(v => v.Id);
            e.Property(v => v.Owner).HasMaxLength(100);
            e.Property(v => v.Name).HasMaxLength(Views.SavedView.NameMax);
            e.Property(v => v.Query).HasMaxLength(Views.SavedView.QueryMax);
            e.HasIndex(v => new { v.Owner, v.Name }).IsUnique();
        });
        modelBuilder.Entity<Sharing.CaseEscalation>(e =>
        {
            e.ToTable("case_escalations");
            e.HasKey(x => new { x.CaseId, x.Level });
            e.Property(x => x.Level).HasMaxLength(10);
            e.HasOne<ReviewCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.AddPeopleCopy();
        modelBuilder.AddOutboxAndInbox();
    }
}
