using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Geocoding.Locating;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Geocoding;

public sealed class GeocodingDbContext(DbContextOptions<GeocodingDbContext> options) : DbContext(options)
{
    public DbSet<VenueLocation> VenueLocations => Set<VenueLocation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VenueLocation>(e =>
        {
            e.ToTable("venue_locations");
            e.HasKey(v => v.SubmissionId);
            e.Property(v => v.Precision).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Source).HasMaxLength(40);
            e.Property(v => v.CommuneInsee).HasMaxLength(5);
            e.Property(v => v.UnlocatedReason).HasMaxLength(300);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
