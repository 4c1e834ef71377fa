using Microsoft.EntityFrameworkCore.Migrations;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.Messaging.Outbox;

/// <summary>
/// Wakes the relay the moment outbox rows commit: a statement-level trigger NOTIFYs in the same statement
/// as the insert, so PostgreSQL delivers it at commit (and drops it on rollback) without one more round
/// trip per transaction. The relay also polls, so a lost notification only costs latency.
/// </summary>
public static class OutboxNotifyTrigger
{
    public const string Channel = "outbox_pending";

    public static readonly string CreateSql = NotifyFunction.Create("outbox_messages_notify", Channel) + """
        DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages;
        CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
          FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify();
        """;

    public const string DropSql = """
        DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages;
        DROP FUNCTION IF EXISTS outbox_messages_notify();
        """;

    public static void CreateOutboxNotifyTrigger(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(CreateSql);

    public static void DropOutboxNotifyTrigger(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSql);
}
