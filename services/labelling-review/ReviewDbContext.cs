using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.LabellingReview.Cases;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.LabellingReview;

public sealed class ReviewDbContext(DbContextOptions<ReviewDbContext> options) : DbContext(options)
{
    public DbSet<ReviewCase> Cases => Set<ReviewCase>();
    public DbSet<VenueLocationStatus> Locations => Set<VenueLocationStatus>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
            e.Property(c => c.DecidedBy).HasMaxLength(100);
            e.Property(c => c.Motivation).HasMaxLength(2000);
            e.Property(c => c.RowVersion).IsRowVersion();
            e.HasIndex(c => new { c.Region, c.Departement, c.Status, c.OpenedAt });
        });
        modelBuilder.Entity<VenueLocationStatus>(e =>
        {
            e.ToTable("venue_location_statuses");
            e.HasKey(l => l.SubmissionId);
            e.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
