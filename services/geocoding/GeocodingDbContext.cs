using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Geocoding.Locating;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Geocoding;

public sealed class GeocodingDbContext(DbContextOptions<GeocodingDbContext> options) : DbContext(options)
{
    public DbSet<VenueLocation> VenueLocations => Set<VenueLocation>();
    public DbSet<GeocodeCacheEntry> Cache => Set<GeocodeCacheEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VenueLocation>(e =>
        {
            e.ToTable("venue_locations");
            e.HasKey(v => v.SubmissionId);
            e.Property(v => v.AddressKey).HasMaxLength(400);
            e.Property(v => v.Precision).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Source).HasMaxLength(100);
            e.Property(v => v.CommuneInsee).HasMaxLength(5);
            e.Property(v => v.Departement).HasMaxLength(3);
            e.Property(v => v.Region).HasMaxLength(2);
            e.Property(v => v.CorrectedBy).HasMaxLength(100);
            e.Property(v => v.UnlocatedReason).HasMaxLength(300);
            e.Property(v => v.RowVersion).IsRowVersion();
        });
        modelBuilder.Entity<GeocodeCacheEntry>(e =>
        {
            e.ToTable("geocode_cache");
            e.HasKey(c => c.AddressKey);
            e.Property(c => c.AddressKey).HasMaxLength(400);
            e.Property(c => c.Precision).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Source).HasMaxLength(100);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
