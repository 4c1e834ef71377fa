using Npgsql;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Recovery;

/// <summary>
/// A small platform whose databases live on a PostgreSQL server of their own, started by the project's script
/// (<c>deploy/infra.sh postgres</c> with another name and port) and backed up by <c>deploy/backup.sh enable</c> — WAL archived
/// continuously into the encrypted pgBackRest repository, a full backup taken once the platform's databases exist — so
/// that a test can restore one of them with <c>deploy/restore.sh</c>. Everything else (broker, SMTP) is shared as usual.
/// </summary>
public sealed class BackedUpPlatform : IAsyncLifetime
{
    private readonly string name = $"drill-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly int port = ServiceHost<SemaineIndustrie.Gateway.GatewayMarker>.FreePort();
    private bool serverStarted;

    public Platform Platform { get; private set; } = null!;

    /// <summary>What the scripts need to find this server: its folder name under .local/ and its port.</summary>
    public IReadOnlyDictionary<string, string> Server => new Dictionary<string, string> { ["SI_PG_NAME"] = name, ["SI_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "si_admin", Password = "si_dev_password", Database = database }.ConnectionString;

    public async Task InitializeAsync()
    {
        await DeployScript.RunAsync("deploy/infra.sh", Server, "postgres");
        serverStarted = true;
        await DeployScript.RunAsync("deploy/backup.sh", Server, "enable"); // archiving on (a restart of the idle server) and a first backup
        Platform = new Platform(new IsolatedInfrastructure(ConnectionString("postgres")));
        await Platform.InitializeAsync();
        await DeployScript.RunAsync("deploy/backup.sh", Server, "full"); // one that holds the platform's databases
    }

    /// <summary>The server's clock now: an instant between two transactions, as an operator would name one.</summary>
    public async Task<DateTimeOffset> NowAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select clock_timestamp()", connection);
        return new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Platform is not null) await Platform.DisposeAsync();
        }
        finally
        {
            if (serverStarted)
            {
                await DeployScript.RunAsync("deploy/infra.sh", Server, "postgres-stop");
                await DeployScript.RunAsync("deploy/backup.sh", Server, "forget");
                var data = Path.Combine(PlatformSettings.RepositoryRoot(), ".local", name);
                var target = new DirectoryInfo(data).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is not null) Directory.Delete(target, recursive: true);
                if (Directory.Exists(data) || File.Exists(data)) { if (target is null) Directory.Delete(data, recursive: true); else File.Delete(data); }
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BackedUpPlatformCollection : ICollectionFixture<BackedUpPlatform>
{
    public const string Name = "backed-up platform";
}
