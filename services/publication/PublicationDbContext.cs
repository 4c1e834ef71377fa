using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Publication.Catalogue;
using SemaineIndustrie.Publication.OpenData;

namespace SemaineIndustrie.Publication;

public sealed class PublicationDbContext(DbContextOptions<PublicationDbContext> options) : DbContext(options)
{
    public DbSet<VersionFacts> Versions => Set<VersionFacts>();
    public DbSet<WithdrawnSubmission> Withdrawn => Set<WithdrawnSubmission>();
    public DbSet<CatalogueEntry> Catalogue => Set<CatalogueEntry>();
    public DbSet<CatalogueRevision> Revisions => Set<CatalogueRevision>();
    public DbSet<CataloguePicture> Pictures => Set<CataloguePicture>();
    public DbSet<OpenDataFile> OpenData => Set<OpenDataFile>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VersionFacts>(e =>
        {
            e.ToTable("version_facts");
            e.HasKey(v => new { v.SubmissionId, v.Version });
            e.Property(v => v.Details).HasColumnType("jsonb");
            e.Property(v => v.LocationPrecision).HasMaxLength(20);
            e.Property(v => v.Decision).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<WithdrawnSubmission>(e =>
        {
            e.ToTable("withdrawn_submissions");
            e.HasKey(w => w.SubmissionId);
        });
        modelBuilder.Entity<CatalogueEntry>(e =>
        {
            e.ToTable("catalogue_entries");
            e.HasKey(c => c.SubmissionId);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.Departement).HasMaxLength(3);
            e.Property(c => c.Region).HasMaxLength(2);
            e.Property(c => c.CommuneInsee).HasMaxLength(5);
            e.Property(c => c.Details).HasColumnType("jsonb");
            e.HasIndex(c => new { c.StartsAt, c.SubmissionId });
            e.HasIndex(c => new { c.Region, c.Departement });
            e.HasIndex(c => c.Sectors).HasMethod("gin");
            e.HasIndex(c => c.Audiences).HasMethod("gin");
            e.HasIndex(c => c.FocusTags).HasMethod("gin");
            e.HasIndex(c => c.PictureId);
        });
        modelBuilder.Entity<CataloguePicture>(e =>
        {
            e.ToTable("catalogue_pictures");
            e.HasKey(p => new { p.PictureId, p.Width });
            e.HasIndex(p => p.SubmissionId);
        });
        modelBuilder.Entity<OpenDataFile>(e =>
        {
            e.ToTable("open_data_files");
            e.HasKey(f => new { f.Edition, f.Name });
            e.Property(f => f.Name).HasMaxLength(40);
            e.Property(f => f.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<CatalogueRevision>(e =>
        {
            e.ToTable("catalogue_revision");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasData(new CatalogueRevision { Id = 1, Revision = 0, ChangedAt = DateTimeOffset.UnixEpoch });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
