using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemaineIndustrie.Messaging.Database;

/// <summary>
/// Applies the checked-in migrations before anything else starts (it is registered before the bus and
/// the relay). Deployment may switch it off (Database:MigrateOnStartup=false) and run a migration
/// step instead: the same image with Database:MigrateOnly=true migrates and exits (code 0) before anything
/// else starts — the Kubernetes migration Job (deploy/k8s). It never drops or recreates anything.
/// </summary>
internal sealed class MigrateDatabaseOnStartup<TDb>(IServiceProvider services, IConfiguration configuration, ILogger<MigrateDatabaseOnStartup<TDb>> logger)
    : IHostedService where TDb : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrateOnly = configuration.GetValue("Database:MigrateOnly", false);
        if (!migrateOnly && !configuration.GetValue("Database:MigrateOnStartup", true)) return;

        using var activity = MessagingTelemetry.ActivitySource.StartActivity($"migrate {typeof(TDb).Name}");
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        logger.LogInformation("Migrating the database of {Context} at {At:O}", typeof(TDb).Name, DateTimeOffset.UtcNow); // where a slow start spends its time
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database of {Context} migrated in {Elapsed} ms", typeof(TDb).Name, watch.ElapsedMilliseconds);
        if (migrateOnly)
        {
            // Nothing else may start (no bus, no relay, no listener): the process was run for this step only.
            Console.Out.Flush();
            Environment.Exit(0);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
