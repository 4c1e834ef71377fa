using System.Net.Http.Json;
using System.Text;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>One fault: Inject returns the moment the platform's surroundings were whole again (the recovery). A restore drill carries its <see cref="DrillLog"/>.</summary>
public sealed record Scenario(string Name, string Fault, Func<Cluster, Task<DateTimeOffset>> Inject, Func<Cluster, Task>? Restore = null, DrillLog? Drill = null);

public static class Scenarios
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<Scenario> All(Uri management) =>
    [
        new("kill-replicas", "kill -9 replica 1 of every service and gateway (restarted after 1 s)", async cluster =>
        {
            foreach (var service in Cluster.Services) await cluster.RunAsync("kill", service, "1");
            await Task.Delay(TimeSpan.FromSeconds(2)); // the supervisors' restart delay, before ready again
            return await cluster.AllReadyAsync(TimeSpan.FromMinutes(3));
        }),
        new("broker-leader-down", $"stop the RabbitMQ node leading most quorum queues for {Outage.TotalSeconds:N0} s", async cluster =>
        {
            var leader = await cluster.RunAsync("broker-leader");
            await cluster.RunAsync("broker-node", "stop", leader);
            await Task.Delay(Outage);
            await cluster.RunAsync("broker-node", "start", leader);
            return DateTimeOffset.UtcNow;
        }),
        new("postgres-restart", "restart the PostgreSQL primary (fast shutdown)", async cluster =>
        {
            await cluster.RunAsync("pg-restart");
            return DateTimeOffset.UtcNow;
        }),
        new("postgres-failover", "stop the primary (immediate), promote the synchronous standby", async cluster =>
        {
            await cluster.RunAsync("pg-failover");
            return DateTimeOffset.UtcNow;
        }, cluster => cluster.RunAsync("pg-rejoin")),
        new("broker-network-pause", $"freeze the network between services and broker for {Outage.TotalSeconds:N0} s", async cluster =>
        {
            await cluster.RunAsync("broker-link", "freeze");
            await Task.Delay(Outage);
            await cluster.RunAsync("broker-link", "thaw");
            return DateTimeOffset.UtcNow;
        }),
        new("poison-message", $"a malformed LabelGranted in {PoisonQueue}", async _ =>
        {
            await PublishPoisonAsync(management);
            return DateTimeOffset.UtcNow;
        }),
    ];

    public const string PoisonQueue = "publication-label";

    /// <summary>A MassTransit envelope of a known type whose message cannot be read: retried, then parked in _error.</summary>
    private static async Task PublishPoisonAsync(Uri management)
    {
        using var http = Management.Client(management);
        var envelope = $$"""
            {"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:SemaineIndustrie.Contracts:LabelGranted"],
             "message":{"submissionId":"not-a-guid","version":"NaN"},"sentTime":"{{DateTimeOffset.UtcNow:O}}"}
            """;
        var response = await http.PostAsJsonAsync("/api/exchanges/%2F/amq.default/publish", new
        {
            properties = new { content_type = "application/vnd.masstransit+json", delivery_mode = 2, message_id = Guid.NewGuid().ToString() },
            routing_key = PoisonQueue, payload = envelope, payload_encoding = "string",
        });
        var routed = await response.Content.ReadFromJsonAsync<Routed>();
        if (routed?.routed != true) throw new InvalidOperationException($"the poison message was not routed to {PoisonQueue}");
    }

    private sealed record Routed(bool routed);
}

public static class Management
{
    public static HttpClient Client(Uri management)
    {
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        return http;
    }

    /// <summary>Messages waiting in every _error queue, by queue.</summary>
    public static async Task<Dictionary<string, long>> ErrorQueuesAsync(Uri management)
    {
        using var http = Client(management);
        var queues = await http.GetFromJsonAsync<List<QueueDepth>>("/api/queues?columns=name,messages");
        return queues!.Where(q => q.name.EndsWith("_error", StringComparison.Ordinal)).ToDictionary(q => q.name, q => q.messages ?? 0);
    }

    /// <summary>Waits until no queue but the _error ones holds a message (what an earlier scenario left is not this one's).</summary>
    public static async Task IdleAsync(Uri management, TimeSpan timeout)
    {
        using var http = Client(management);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var queues = await http.GetFromJsonAsync<List<QueueDepth>>("/api/queues?columns=name,messages");
            if (queues!.Where(q => !q.name.EndsWith("_error", StringComparison.Ordinal)).All(q => (q.messages ?? 0) == 0)) return;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"the platform still has messages queued after {timeout.TotalMinutes:N0} minutes");
    }

    private sealed record QueueDepth(string name, long? messages);
}
