using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using SemaineIndustrie.Identity.Accounts;
using SemaineIndustrie.Identity.Auditing;
using SemaineIndustrie.Identity.Committees;
using SemaineIndustrie.Identity.Organisations;
using SemaineIndustrie.Identity.Tokens;

namespace SemaineIndustrie.Identity.Development;

/// <summary>
/// Development only: the local accounts the README lists (one password for all), an organisation with
/// an integration client, so that a fresh clone can sign in as each role at once. Idempotent.
/// </summary>
public sealed class DevelopmentAccounts(IServiceProvider services, IHostEnvironment environment, IOptions<PlatformIdentityOptions> options) : IHostedService
{
    public const string Password = "Semaine-Industrie-2018";
    public const string Organiser = "organisatrice@forges-gascogne.test";
    public const string GersReviewer = "copil.gers@direccte.test";
    public const string OccitanieReviewer = "direccte.occitanie@direccte.test";
    public const string NouvelleAquitaineReviewer = "direccte.nouvelle-aquitaine@direccte.test";
    public const string RegionalAdmin = "admin.occitanie@direccte.test";
    public const string NationalAdmin = "admin@dge.test";
    public const string IntegrationClientId = "forges-gascogne-si";
    public const string IntegrationClientSecret = "forges-gascogne-secret-de-developpement";
    private static readonly Guid Forges = Guid.Parse("f0e6e5c0-2018-4e1a-9c2a-000000000032");

    public async Task StartAsync(CancellationToken ct)
    {
        if (!environment.IsDevelopment() || !options.Value.SeedDevelopmentAccounts) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        if (!await db.Organisations.AnyAsync(o => o.Id == Forges, ct))
        {
            db.Organisations.Add(new Organisation { Id = Forges, Name = "Forges de Gascogne", Kind = OrganisationKind.Company, Siret = "41023128000018", SiretVerifiedAt = now, CreatedAt = now, CreatedBy = "system" });
            await db.SaveChangesAsync(ct);
        }
        var organiser = await AccountAsync(users, Organiser, "Camille Organisatrice", now);
        if (!await db.Members.AnyAsync(m => m.UserId == organiser.Id, ct))
            db.Members.Add(new OrganisationMember { UserId = organiser.Id, OrganisationId = Forges, IsManager = true, Since = now });
        await SeatAsync(db, await AccountAsync(users, GersReviewer, "Copil du Gers", now), "76", ["32"], now, ct);
        await SeatAsync(db, await AccountAsync(users, OccitanieReviewer, "DIRECCTE Occitanie", now), "76", [], now, ct);
        await SeatAsync(db, await AccountAsync(users, NouvelleAquitaineReviewer, "DIRECCTE Nouvelle-Aquitaine", now), "75", [], now, ct);
        await GrantAsync(db, await AccountAsync(users, RegionalAdmin, "Administrateur Occitanie", now), "76", now, ct);
        await GrantAsync(db, await AccountAsync(users, NationalAdmin, "Administratrice DGE", now), null, now, ct);
        await db.SaveChangesAsync(ct);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(IntegrationClientId, ct) is null)
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationClients>()
                .CreateAsync(Forges.ToString("N"), "SI des Forges de Gascogne (développement)", "system", now, ct, IntegrationClientId, IntegrationClientSecret);
        }
    }

    private static async Task<PlatformUser> AccountAsync(UserManager<PlatformUser> users, string email, string name, DateTimeOffset now)
    {
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return user;
    }

    private static async Task SeatAsync(PlatformIdentityDbContext db, PlatformUser user, string region, List<string> departements, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Seats.AnyAsync(s => s.UserId == user.Id, ct)) return;
        db.Seats.Add(new CommitteeSeat { UserId = user.Id, Region = region, Departements = departements, Since = now, AppointedBy = "system" });
        db.Record(now, "system", "committee.seat.seeded", targetUser: user.Id, region: region, details: new { departements });
    }

    private static async Task GrantAsync(PlatformIdentityDbContext db, PlatformUser user, string? region, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Admins.AnyAsync(a => a.UserId == user.Id, ct)) return;
        db.Admins.Add(new AdminGrant { UserId = user.Id, Region = region, Since = now, GrantedBy = "system" });
        db.Record(now, "system", "admin.seeded", targetUser: user.Id, region: region);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
