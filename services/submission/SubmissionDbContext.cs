using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Submission.Submissions;

namespace SemaineIndustrie.Submission;

public sealed class SubmissionDbContext(DbContextOptions<SubmissionDbContext> options) : DbContext(options)
{
    public DbSet<EventSubmission> Submissions => Set<EventSubmission>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventSubmission>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(s => s.Id);
            e.Property(s => s.OrganiserId).HasMaxLength(100);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.CommuneInsee).HasMaxLength(5);
            e.Property(s => s.Departement).HasMaxLength(3);
            e.Property(s => s.Region).HasMaxLength(2);
            e.Property(s => s.Details).HasColumnType("jsonb");
            e.HasIndex(s => new { s.OrganiserId, s.CreatedAt });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
