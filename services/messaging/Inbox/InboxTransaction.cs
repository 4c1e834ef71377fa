using Npgsql;

namespace SemaineIndustrie.Messaging.Inbox;

/// <summary>
/// What a consumer's effects may defer to the end of the transaction they run in: work that every message of
/// a group commit would otherwise repeat, on a row they would all lock (the catalogue's revision). Registered
/// under a key, the last registration of a key wins and runs once, just before the commit, on the
/// transaction's connection — holding the row's lock for the commit only, not for the whole transaction.
/// </summary>
public static class InboxTransaction
{
    private static readonly AsyncLocal<CommitHooks?> Current = new();

    public static void BeforeCommit(string key, Func<NpgsqlConnection, CancellationToken, Task> action) =>
        (Current.Value ?? throw new InvalidOperationException("BeforeCommit is only available inside ConsumeOnceAsync's effects")).Set(key, action);

    internal static CommitHooks Begin() => Current.Value = new CommitHooks();

    internal static void End() => Current.Value = null;

    internal sealed class CommitHooks
    {
        private readonly Dictionary<string, Func<NpgsqlConnection, CancellationToken, Task>> actions = new(StringComparer.Ordinal);

        public void Set(string key, Func<NpgsqlConnection, CancellationToken, Task> action)
        {
            lock (actions) actions[key] = action;
        }

        public async Task RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            foreach (var action in actions.Values) await action(connection, cancellationToken);
            actions.Clear();
        }
    }
}
