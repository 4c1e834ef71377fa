using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Publication.Catalogue;

namespace SemaineIndustrie.Publication;

public sealed class PublicationDbContext(DbContextOptions<PublicationDbContext> options) : DbContext(options)
{
    public DbSet<VersionFacts> Versions => Set<VersionFacts>();
    public DbSet<CatalogueEntry> Catalogue => Set<CatalogueEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VersionFacts>(e =>
        {
            e.ToTable("version_facts");
            e.HasKey(v => new { v.SubmissionId, v.Version });
            e.Property(v => v.Details).HasColumnType("jsonb");
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
            e.HasIndex(c => new { c.Region, c.Departement, c.StartsAt });
            e.HasIndex(c => c.StartsAt);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
