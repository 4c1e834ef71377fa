using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SemaineIndustrie.Messaging.Inbox;
using SemaineIndustrie.Messaging.Outbox;
using SemaineIndustrie.Messaging.Reconciliation;
using Npgsql;
using SemaineIndustrie.Messaging.Redrive;

namespace SemaineIndustrie.Messaging.Bus;

public static class MessagingExtensions
{
    public const string ConnectionStringName = "RabbitMq";

    /// <summary>
    /// MassTransit on RabbitMQ for one service: kebab-case queues prefixed with the service name, durable
    /// quorum queues, publisher confirms, bounded in-process retries then the _error queue; plus the
    /// outbox relay and housekeeping for <typeparamref name="TDb"/>, and error-queue redrive.
    /// Call after AddServiceDatabase so migrations run before the bus and the relay start. <paramref name="retiredQueues"/>: queues of
    /// consumers the service no longer has, deleted at start (<see cref="RetiredEndpoints"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TDb>(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> addConsumers, IReadOnlyList<string>? retiredQueues = null)
        where TDb : DbContext
    {
        var rabbit = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(rabbit))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} (an amqp:// URI, every node of a cluster in its authority) is not set. Run deploy/infra.sh up and start the service " +
                $"with deploy/run.sh, or set ConnectionStrings__{ConnectionStringName}.");
        }

        var broker = BrokerAddress.Parse(rabbit);
        var retry = builder.Configuration.GetSection(RetryOptions.Section).Get<RetryOptions>() ?? new RetryOptions();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.Configure<InboxOptions>(builder.Configuration.GetSection(InboxOptions.Section));
        builder.Services.AddSingleton<InboxBatcher>();
        var endpoints = new ServiceEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(new ErrorQueueRedriver(broker, endpoints));
        if (retiredQueues is { Count: > 0 })
            builder.Services.AddHostedService(sp => new RetiredEndpoints(broker, retiredQueues, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RetiredEndpoints>>()));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            addConsumers(bus);
            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                endpoints.Add(queue);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                    rabbitEndpoint.PrefetchCount = retry.PrefetchCount;
                }
                endpoint.UseMessageRetry(r => r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta));
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker.Uri, host =>
                {
                    host.PublisherConfirmation = true;
                    // A cluster: connect to the first node that answers, move to the next when it goes away.
                    if (broker.IsCluster) host.UseCluster(cluster => { foreach (var node in broker.Nodes) cluster.Node(node.ToString()); });
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            // Consumers bound before anything publishes; a broker that never answers fails start-up loudly.
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddSingleton<OutboxStats>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddSingleton<ParkedOutboxRows>();
        builder.Services.AddSingleton(sp => new OutboxReplay(sp.GetRequiredService<NpgsqlDataSource>(), serviceName));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        builder.Services.AddHostedService<MessagingHousekeeping>();
        return builder;
    }
}
