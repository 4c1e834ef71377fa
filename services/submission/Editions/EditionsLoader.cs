using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.Submission.Editions;

/// <summary>
/// Keeps <see cref="EditionCatalog"/> in step with the database. At start (before the service answers): a database without
/// any edition receives the seed of configuration section "Editions" (Development: the 2018 edition of the demo data and
/// the next one), then the catalogue is read. Afterwards, a trigger's NOTIFY at each committed change (whichever replica
/// made it) and a half-minute poll reload it.
/// </summary>
public sealed class EditionsLoader(IServiceScopeFactory scopes, EditionCatalog catalog, NpgsqlDataSource dataSource, IConfiguration configuration,
    ILogger<EditionsLoader> logger) : BackgroundService
{
    public const string Channel = "editions_changed";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim changed = new(0);

    public static readonly string TriggerSql = NotifyFunction.Create("editions_changed_notify", Channel) + """
        CREATE TRIGGER editions_changed AFTER INSERT OR UPDATE OR DELETE ON editions
          FOR EACH STATEMENT EXECUTE FUNCTION editions_changed_notify();
        """;

    public const string DropTriggerSql = """
        DROP TRIGGER IF EXISTS editions_changed ON editions;
        DROP FUNCTION IF EXISTS editions_changed_notify();
        """;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SubmissionDbContext>();
            if (!await db.Editions.AnyAsync(cancellationToken)) await SeedAsync(db, cancellationToken);
            await catalog.ReloadAsync(db, cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    private async Task SeedAsync(SubmissionDbContext db, CancellationToken ct)
    {
        var seed = configuration.GetSection("Editions").Get<List<EditionSeed>>() ?? [];
        var now = DateTimeOffset.UtcNow;
        foreach (var e in seed)
        {
            var record = new EditionRecord { Year = e.Year, Published = e.Published, Revision = 1, CreatedAt = now, CreatedBy = "seed", UpdatedAt = now, UpdatedBy = "seed" };
            record.Write(e.ToRequest());
            db.Editions.Add(record);
            db.EditionChanges.Add(new EditionChange { Year = e.Year, At = now, By = "seed", Action = "seeded", Details = record.Content });
            if (record.Published) db.AddToOutbox(new EditionPublished(record.ToEdition(), record.Revision, now));
        }
        await db.SaveChangesAsync(ct);
        if (seed.Count > 0) logger.LogInformation("Editions seeded from configuration: {Years}", string.Join(", ", seed.Select(e => e.Year)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = PostgresListener.RunAsync(dataSource, Channel, () => changed.Release(), logger, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(PollInterval, stoppingToken);
                while (changed.CurrentCount > 0) changed.Wait(0, CancellationToken.None);
                await using var scope = scopes.CreateAsyncScope();
                await catalog.ReloadAsync(scope.ServiceProvider.GetRequiredService<SubmissionDbContext>(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Editions not reloaded; the last ones read stay in use");
            }
        }
        await listener;
    }
}

/// <summary>An edition in configuration section "Editions": the seed of an empty database (Development's demo editions).</summary>
public sealed class EditionSeed
{
    public int Year { get; set; }
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public string Theme { get; set; } = "";
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public DateTimeOffset SubmissionsOpen { get; set; }
    public DateTimeOffset SubmissionsClose { get; set; }
    public List<CodeLabel> Sectors { get; set; } = [];
    public List<Audience> Audiences { get; set; } = [];
    public List<FocusTag> FocusTags { get; set; } = [];
    public List<KitItem> Kit { get; set; } = [];
    public bool Published { get; set; } = true;

    public EditionRequest ToRequest() =>
        new(Year, Number, Name, Theme, FirstDay, LastDay, SubmissionsOpen, SubmissionsClose, Sectors, Audiences, FocusTags, Kit);

    public Edition ToEdition() =>
        new(Year, Number, Name, Theme, FirstDay, LastDay, SubmissionsOpen, SubmissionsClose, Sectors, Audiences, FocusTags, Kit, Published);
}

/// <summary>The migration helpers for the editions' trigger.</summary>
public static class EditionsTriggerMigrations
{
    public static void CreateEditionsTrigger(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EditionsLoader.TriggerSql);

    public static void DropEditionsTrigger(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(EditionsLoader.DropTriggerSql);
}
