using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SemaineIndustrie.ServiceDefaults;

namespace SemaineIndustrie.Messaging.Database;

public static class ServiceDatabaseExtensions
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The service's own PostgreSQL database: EF Core (pooled contexts) with snake_case names,
    /// checked-in migrations (the outbox wake-up trigger among them) applied at start-up, and a readiness check.
    /// A missing connection string stops the service at once: there is no in-memory fallback.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDb>(this IHostApplicationBuilder builder)
        where TDb : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Run deploy/infra.sh up and start the service with deploy/run.sh, " +
                $"or set ConnectionStrings__{ConnectionStringName}.");
        }

        // One pool per service, shared by EF Core, the outbox relay and its LISTEN connection.
        builder.Services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            // Statements a service runs again and again are prepared once per connection: PostgreSQL then skips
            // parsing and planning them (most of its CPU per statement here, measured in bench/README.md). Npgsql
            // keeps them across pool returns (its reset spares prepared statements). "Max Auto Prepare=0" turns it off.
            if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
                dataSource.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
            }
            return dataSource.Build();
        });
        builder.Services.AddDbContextPool<TDb>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());

        builder.Services.AddHostedService<StartupLock>(); // before anything that writes at start-up
        builder.Services.AddHostedService<MigrateDatabaseOnStartup<TDb>>();
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
