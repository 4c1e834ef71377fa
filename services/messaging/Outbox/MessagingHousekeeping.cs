using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>Purges sent outbox rows and old inbox rows after their retention, in bounded batches.</summary>
internal sealed partial class MessagingHousekeeping(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, ILogger<MessagingHousekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.HousekeepingInterval);
        do
        {
            try
            {
                var outbox = await PurgeAsync("""
                    DELETE FROM outbox_messages WHERE sequence_number IN (
                      SELECT sequence_number FROM outbox_messages WHERE sent_at < now() - @retention LIMIT 5000)
                    """, settings.SentRetention, stoppingToken);
                var inbox = await PurgeAsync("""
                    DELETE FROM inbox_messages WHERE (consumer, message_id) IN (
                      SELECT consumer, message_id FROM inbox_messages WHERE processed_at < now() - @retention LIMIT 5000)
                    """, settings.InboxRetention, stoppingToken);
                if (outbox + inbox > 0) LogPurged(logger, outbox, inbox);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    internal async Task<int> PurgeAsync(string sql, TimeSpan retention, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("retention", retention);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == 5000);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Outbox} sent outbox rows and {Inbox} inbox rows past retention")]
    private static partial void LogPurged(ILogger logger, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Messaging housekeeping failed; next try at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
