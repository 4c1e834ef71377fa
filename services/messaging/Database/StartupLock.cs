using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SemaineIndustrie.Messaging.Database;

/// <summary>
/// Replicas of one service start one after the other: from before the first hosted service starts (migrations
/// first) until all have started (the identity service's client registrations and seeds among them), this
/// process holds a PostgreSQL advisory lock in the service's database. Two replicas started together (a
/// scale-out, a rolling update without a migration Job, deploy/cluster.sh) would otherwise both apply the same
/// migration or create the same row and one of them would crash. The lock is a session lock: a replica that
/// dies while holding it releases it with its connection; one that started releases it at once.
/// </summary>
internal sealed class StartupLock(NpgsqlDataSource dataSource, ILogger<StartupLock> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private const long Key = 0x5349_5354_4152_5455; // "SISTARTU": one key per database, so per service
    private NpgsqlConnection? connection;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection);
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return;

        logger.LogInformation("Another replica is starting: waiting for it before migrating and seeding");
        await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
        await wait.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task StartedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (connection is null) return;
        try
        {
            // The connection goes back to the pool, its session stays open: release the lock explicitly.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();
}
