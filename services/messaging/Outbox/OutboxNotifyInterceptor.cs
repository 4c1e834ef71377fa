using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// Wakes the relay the moment outbox rows commit: NOTIFY is issued after SaveChanges on the same
/// connection, so inside an explicit transaction PostgreSQL delivers it at commit (and drops it on
/// rollback); without one the rows are already committed. The relay also polls, so a lost
/// notification only costs latency.
/// </summary>
public sealed class OutboxNotifyInterceptor : SaveChangesInterceptor
{
    public const string Channel = "outbox_pending";

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && ForgetSavedOutboxRows(db))
        {
            await db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && ForgetSavedOutboxRows(db))
        {
            db.Database.ExecuteSqlRaw($"NOTIFY {Channel}");
        }
        return result;
    }

    /// <summary>Saved outbox rows are never read back through the context: stop tracking them.</summary>
    private static bool ForgetSavedOutboxRows(DbContext db)
    {
        var saved = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Unchanged).ToList();
        foreach (var entry in saved) entry.State = EntityState.Detached;
        return saved.Count > 0;
    }
}
