using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.Identity.People;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Identity;

/// <summary>
/// People (ASP.NET Core Identity), organisations, committee seats, admin grants, invitations, the audit
/// trail, OpenIddict's applications/authorizations/tokens, the data-protection key ring, and what was last announced
/// of each person with the outbox that announces it.
/// </summary>
public sealed class PlatformIdentityDbContext(DbContextOptions<PlatformIdentityDbContext> options)
    : IdentityDbContext<PlatformUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMember> Members => Set<OrganisationMember>();
    public DbSet<CommitteeSeat> Seats => Set<CommitteeSeat>();
    public DbSet<AdminGrant> Admins => Set<AdminGrant>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<EmailVerification> EmailVerifications => Set<EmailVerification>();
    public DbSet<ResetRequest> ResetRequests => Set<ResetRequest>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PersonAnnouncement> PeopleAnnouncements => Set<PersonAnnouncement>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<PlatformUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.PreferredLanguage).HasMaxLength(5);
            e.Property(u => u.ExternalSubject).HasMaxLength(200);
        });
        builder.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(o => o.Siret).HasMaxLength(14);
            e.Property(o => o.CreatedBy).HasMaxLength(450);
            // One organisation per establishment the provider vouched for (external sign-in joins by SIRET); typed SIRETs may repeat.
            e.HasIndex(o => o.Siret).IsUnique().HasFilter("siret_verified_at IS NOT NULL").HasDatabaseName("ix_organisations_verified_siret");
            e.Ignore(o => o.ClaimValue);
        });
        builder.Entity<OrganisationMember>(e =>
        {
            e.ToTable("organisation_members");
            e.HasKey(m => m.UserId);
            e.HasIndex(m => m.OrganisationId);
            e.HasOne<PlatformUser>().WithOne().HasForeignKey<OrganisationMember>(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CommitteeSeat>(e =>
        {
            e.ToTable("committee_seats");
            e.HasKey(s => s.UserId);
            e.Property(s => s.Region).HasMaxLength(2);
            e.Property(s => s.AppointedBy).HasMaxLength(450);
            e.HasIndex(s => s.Region);
            e.HasOne<PlatformUser>().WithOne().HasForeignKey<CommitteeSeat>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AdminGrant>(e =>
        {
            e.ToTable("admin_grants");
            e.HasKey(a => a.UserId);
            e.Property(a => a.Region).HasMaxLength(2);
            e.Property(a => a.GrantedBy).HasMaxLength(450);
            e.Ignore(a => a.IsNational);
            e.HasOne<PlatformUser>().WithOne().HasForeignKey<AdminGrant>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.HasKey(i => i.Id);
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.Purpose).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Region).HasMaxLength(2);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.InvitedBy).HasMaxLength(450);
            e.Property(i => i.AcceptedBy).HasMaxLength(450);
            e.HasIndex(i => i.TokenHash).IsUnique();
        });
        builder.Entity<ResetRequest>(e =>
        {
            e.ToTable("reset_requests");
            e.HasKey(r => r.Id);
            e.Property(r => r.Email).HasMaxLength(256);
            e.HasIndex(r => r.NextAttemptAt);
        });
        builder.Entity<EmailVerification>(e =>
        {
            e.ToTable("email_verifications");
            e.HasKey(v => v.TokenHash);
            e.Property(v => v.TokenHash).HasMaxLength(64);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Actor).HasMaxLength(450);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.TargetUser).HasMaxLength(450);
            e.Property(a => a.Region).HasMaxLength(2);
            e.Property(a => a.Details).HasColumnType("jsonb");
            e.HasIndex(a => a.At);
        });
        builder.Entity<PersonAnnouncement>(e =>
        {
            e.ToTable("people_announcements");
            e.HasKey(a => a.UserId);
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.Fingerprint).HasMaxLength(32);
        });
        builder.AddOutboxAndInbox();
    }
}
