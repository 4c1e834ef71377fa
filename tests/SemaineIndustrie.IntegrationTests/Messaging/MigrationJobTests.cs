using System.Diagnostics;
using Npgsql;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>
/// The Kubernetes migration Job runs a service's own image with Database:MigrateOnly=true: the process applies
/// the migrations and exits 0 before anything else starts — here with a broker and an identity service that do
/// not exist, which would fail it if the bus or the token validation tried to start.
/// </summary>
public sealed class MigrationJobTests : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();

    public Task InitializeAsync() => infra.InitializeAsync();

    public Task DisposeAsync() => infra.DisposeAsync();

    [Fact]
    public async Task A_service_started_to_migrate_only_migrates_and_exits_with_zero()
    {
        var database = await infra.DatabaseAsync("publication_migration_job");
        var (exitCode, log) = await MigrateOnlyAsync(database);
        Assert.True(exitCode == 0, log);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.True((long)(await applied.ExecuteScalarAsync())! > 0);
        await using var table = new NpgsqlCommand("SELECT to_regclass('catalogue_entries') IS NOT NULL", connection);
        Assert.True((bool)(await table.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Two_replicas_started_together_on_a_new_database_both_start_one_after_the_other()
    {
        // Without the start-up lock both apply the first migration and one dies on a duplicate table or history row.
        var database = await infra.DatabaseAsync("publication_two_replicas");
        var results = await Task.WhenAll(MigrateOnlyAsync(database), MigrateOnlyAsync(database));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Log));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT count(*), count(DISTINCT migration_id) FROM \"__EFMigrationsHistory\"", connection);
        await using var reader = await applied.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
    }

    /// <summary>
    /// The publication service as the Job runs it. Its settings come from the environment only: the test output
    /// folder holds several services' appsettings.json (whichever was copied last), so it starts from an empty folder.
    /// </summary>
    private static async Task<(int ExitCode, string Log)> MigrateOnlyAsync(string database)
    {
        var contentRoot = Directory.CreateTempSubdirectory("migration-job-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SemaineIndustrie.Publication.dll"), "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = contentRoot,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__MigrateOnly"] = "true";
        start.Environment["ConnectionStrings__Postgres"] = database;
        start.Environment["ConnectionStrings__RabbitMq"] = "amqp://nobody:nothing@127.0.0.1:1/"; // nothing listens there
        start.Environment["Auth__Authority"] = "http://127.0.0.1:1/";
        start.Environment["Auth__Audience"] = "si-publication";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, $"exit {process.ExitCode}\n{await output}\n{await errors}");
    }
}
