using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SemaineIndustrie.Contracts;
using SemaineIndustrie.IntegrationTests.Infrastructure;
using SemaineIndustrie.Messaging.Bus;
using SemaineIndustrie.Messaging.Database;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;

namespace SemaineIndustrie.IntegrationTests.Messaging;

/// <summary>A message about a submission, numbered within it, for the outbox/inbox guarantee tests.</summary>
public sealed record ProbeEvent(Guid SubmissionId, int SubmissionVersion, int Sequence) : ISubmissionEvent;

/// <summary>One applied effect of one message: the thing that must happen exactly once.</summary>
public sealed class ProbeEffect
{
    public long Id { get; private set; }
    public Guid SubmissionId { get; init; }
    public int Sequence { get; init; }
    public Guid MessageId { get; init; }
}

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
{
    public DbSet<ProbeEffect> Effects => Set<ProbeEffect>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreTimestampsAsUtc();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProbeEffect>(e =>
        {
            e.ToTable("probe_effects");
            e.HasKey(x => x.Id);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>What a probe consumer saw, before the inbox filtered anything: every delivery, in order.</summary>
public sealed class ProbeObservations
{
    public ConcurrentQueue<(Guid MessageId, Guid SubmissionId, int Sequence)> Deliveries { get; } = new();
    public volatile bool PoisonFails = true;
    public int PoisonAttempts;
    /// <summary>Messages with this sequence number fail inside their effects (after the inbox row was written), while PoisonFails.</summary>
    public volatile int FailInsideEffectsAt = int.MinValue;
}

public sealed class EffectRecordingConsumer(ProbeDbContext db, ProbeObservations observations) : IConsumer<ProbeEvent>
{
    public Task Consume(ConsumeContext<ProbeEvent> context)
    {
        var message = context.Message;
        observations.Deliveries.Enqueue((context.MessageId!.Value, message.SubmissionId, message.Sequence));
        if (message.Sequence < 0 && observations.PoisonFails)
        {
            Interlocked.Increment(ref observations.PoisonAttempts);
            throw new InvalidOperationException($"poison message {message.SubmissionId}/{message.Sequence}");
        }
        return db.ConsumeOnceAsync(context, this, _ =>
        {
            if (message.Sequence == observations.FailInsideEffectsAt && observations.PoisonFails)
            {
                throw new InvalidOperationException($"effects of {message.SubmissionId}/{message.Sequence} fail");
            }
            db.Effects.Add(new ProbeEffect { SubmissionId = message.SubmissionId, Sequence = message.Sequence, MessageId = context.MessageId!.Value });
            return Task.CompletedTask;
        });
    }
}

/// <summary>
/// A minimal service built from the real building blocks (AddServiceDatabase + AddServiceMessaging):
/// a producer writes ProbeEvents through the outbox, a consumer applies them through the inbox.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    public const string Queue = "probe-effect-recording";
    private static readonly SemaphoreSlim SchemaLock = new(1, 1);
    private static readonly HashSet<string> SchemasCreated = [];

    private ProbeHost(IHost host) => Host = host;

    public IHost Host { get; }
    public ProbeObservations Observations => Host.Services.GetRequiredService<ProbeObservations>();

    public static async Task<ProbeHost> StartAsync(
        IsolatedInfrastructure infra, string database, bool consumer, bool relay = true, IDictionary<string, string?>? settings = null, int concurrency = 1)
    {
        var connectionString = await infra.DatabaseAsync(database);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["ConnectionStrings:RabbitMq"] = infra.RabbitMq.ToString(),
            ["Database:MigrateOnStartup"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Messaging:Outbox:RelayEnabled"] = relay.ToString(),
            ["Messaging:Retry:Limit"] = "3",
            ["Messaging:Retry:MinInterval"] = "00:00:00.020",
            ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
            ["Messaging:Retry:IntervalDelta"] = "00:00:00.020",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ProbeObservations>();
        builder.AddServiceDatabase<ProbeDbContext>();
        builder.AddServiceMessaging<ProbeDbContext>("probe", bus =>
        {
            if (consumer) bus.AddConsumer<EffectRecordingConsumer>().Endpoint(e => e.ConcurrentMessageLimit = concurrency);
        });
        var host = builder.Build();

        // The probe's schema has no migrations of its own: create it once per database.
        await SchemaLock.WaitAsync();
        try
        {
            if (SchemasCreated.Add(connectionString))
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
                await db.Database.EnsureCreatedAsync();
                await db.Database.ExecuteSqlRawAsync(OutboxNotifyTrigger.CreateSql); // what each service's migrations add
            }
        }
        finally
        {
            SchemaLock.Release();
        }

        await host.StartAsync();
        return new ProbeHost(host);
    }

    /// <summary>Writes messages through the outbox, one transaction per call, as a service's handler would.</summary>
    public async Task ProduceAsync(params ProbeEvent[] messages)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        foreach (var message in messages) db.AddToOutbox(message);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<ProbeDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }

    public Task<List<ProbeEffect>> EffectsAsync() => QueryAsync(db => db.Effects.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public Task<int> PendingOutboxAsync() => QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
