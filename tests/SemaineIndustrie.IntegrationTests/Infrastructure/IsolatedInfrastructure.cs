using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// Databases and a RabbitMQ virtual host of their own for one test class (or collection), created on
/// first use and dropped at the end, so classes run in parallel without seeing each other's data or
/// messages. Durable queues from earlier runs cannot leak in: every run gets a new virtual host.
/// </summary>
public sealed class IsolatedInfrastructure : IAsyncLifetime
{
    private readonly InfrastructureSettings settings = InfrastructureSettings.Instance;
    private readonly string postgres;
    private readonly string prefix = $"t{DateTime.UtcNow:MMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
    private readonly List<string> databases = [];
    private readonly HttpClient management;

    public IsolatedInfrastructure() : this(InfrastructureSettings.Instance.Postgres) { }

    /// <summary>On another PostgreSQL server than the shared one (its connection string, without a database).</summary>
    internal IsolatedInfrastructure(string postgres)
    {
        this.postgres = postgres;
        VirtualHost = prefix;
        var user = Uri.UnescapeDataString(settings.RabbitManagement.UserInfo);
        management = new HttpClient { BaseAddress = new Uri(settings.RabbitManagement.GetLeftPart(UriPartial.Authority)) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
    }

    public string VirtualHost { get; }

    /// <summary>amqp:// URI of this class's virtual host.</summary>
    public Uri RabbitMq => new UriBuilder(settings.RabbitMq) { Path = "/" + Uri.EscapeDataString(VirtualHost) }.Uri;

    public async Task InitializeAsync()
    {
        var user = Uri.UnescapeDataString(settings.RabbitManagement.UserInfo).Split(':')[0];
        var vhost = Uri.EscapeDataString(VirtualHost);
        (await management.PutAsJsonAsync($"/api/vhosts/{vhost}", new { description = "test run" })).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"/api/permissions/{vhost}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    /// <summary>Creates (once) and returns the connection string of this class's database named <paramref name="name"/>.</summary>
    public async Task<string> DatabaseAsync(string name)
    {
        var database = $"{prefix}_{name}".ToLowerInvariant();
        lock (databases)
        {
            if (databases.Contains(database)) return ConnectionString(database);
            databases.Add(database);
        }
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(database);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 40 }.ConnectionString;

    /// <summary>
    /// Messages ready in a queue of this virtual host, read over AMQP (the management API lags by seconds).
    /// A missing queue fails the test unless <paramref name="mayNotExist"/> (error queues appear with their first message).
    /// </summary>
    public async Task<uint> QueueDepthAsync(string queue, bool mayNotExist = false)
    {
        await using var connection = await new ConnectionFactory { Uri = RabbitMq }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404 && mayNotExist)
        {
            return 0;
        }
    }

    /// <summary>The queue's type (classic, quorum, stream) as the broker reports it.</summary>
    public async Task<string?> QueueTypeAsync(string queue)
    {
        var response = await management.GetAsync($"/api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}");
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return json.GetProperty("type").GetString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            foreach (var database in databases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        await management.DeleteAsync($"/api/vhosts/{Uri.EscapeDataString(VirtualHost)}");
        management.Dispose();
    }
}
