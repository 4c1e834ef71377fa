using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace SemaineIndustrie.Bench;

/// <summary>What this machine does without our code, at the pipeline's concurrency.</summary>
public static class Baselines
{
    /// <summary>Single-row INSERT transactions (one commit each) from <paramref name="concurrency"/> connections.</summary>
    public static async Task<double> PostgresCommitsPerSecondAsync(string connectionString, int concurrency, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand("DROP TABLE IF EXISTS bench_commits; CREATE TABLE bench_commits (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
        {
            await setup.ExecuteNonQueryAsync();
        }
        var (perSecond, _, _) = await Measure.ClosedLoopAsync(concurrency, duration, async () =>
        {
            await using var command = dataSource.CreateCommand("INSERT INTO bench_commits (payload) VALUES ($1)");
            command.Parameters.AddWithValue(new string('x', 200));
            return await command.ExecuteNonQueryAsync() == 1;
        });
        return perSecond;
    }

    /// <summary>
    /// Persistent messages published with confirms by <paramref name="concurrency"/> publishers to a quorum
    /// queue and consumed (manual ack) at the same time: messages through the broker per second.
    /// </summary>
    public static async Task<double> RabbitPublishConsumePerSecondAsync(Uri broker, int concurrency, TimeSpan duration)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        const string queue = "bench-baseline";
        await admin.QueueDeleteAsync(queue);
        await admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });

        await using var consumerChannel = await connection.CreateChannelAsync();
        await consumerChannel.BasicQosAsync(0, 200, false);
        long consumed = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref consumed);
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var body = new byte[600];
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var watch = Stopwatch.StartNew();
        long published = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
            while (watch.Elapsed < duration)
            {
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
                Interlocked.Increment(ref published);
            }
        }));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Interlocked.Read(ref consumed) < published && DateTime.UtcNow < deadline) await Task.Delay(20);
        var elapsed = watch.Elapsed.TotalSeconds;
        await admin.QueueDeleteAsync(queue);
        return Interlocked.Read(ref consumed) / elapsed;
    }
}
