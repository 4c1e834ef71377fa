using Microsoft.EntityFrameworkCore.Migrations;
using SemaineIndustrie.Messaging.Database;

namespace SemaineIndustrie.Identity.People;

/// <summary>
/// Wakes the <see cref="PeopleAnnouncer"/> when a fact it announces may have changed, however it changed (a page, an API,
/// the external sign-in, a deletion's cascade, a hand-written UPDATE): triggers NOTIFY at commit on a person's address,
/// confirmation, name or language, and on any change of organisation membership or committee seat. Other updates of a
/// person (a sign-in's counters, the security stamp) wake nobody.
/// </summary>
public static class PeopleTriggers
{
    public const string Channel = "people_changed";

    public static readonly string CreateSql = NotifyFunction.Create("people_changed_notify", Channel) + """
        CREATE TRIGGER people_changed_users AFTER INSERT OR DELETE ON "AspNetUsers"
          FOR EACH STATEMENT EXECUTE FUNCTION people_changed_notify();
        CREATE TRIGGER people_changed_user_facts AFTER UPDATE ON "AspNetUsers" FOR EACH ROW
          WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.email_confirmed IS DISTINCT FROM NEW.email_confirmed
                OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.preferred_language IS DISTINCT FROM NEW.preferred_language)
          EXECUTE FUNCTION people_changed_notify();
        CREATE TRIGGER people_changed_members AFTER INSERT OR UPDATE OR DELETE ON organisation_members
          FOR EACH STATEMENT EXECUTE FUNCTION people_changed_notify();
        CREATE TRIGGER people_changed_seats AFTER INSERT OR UPDATE OR DELETE ON committee_seats
          FOR EACH STATEMENT EXECUTE FUNCTION people_changed_notify();
        """;

    public const string DropSql = """
        DROP TRIGGER IF EXISTS people_changed_users ON "AspNetUsers";
        DROP TRIGGER IF EXISTS people_changed_user_facts ON "AspNetUsers";
        DROP TRIGGER IF EXISTS people_changed_members ON organisation_members;
        DROP TRIGGER IF EXISTS people_changed_seats ON committee_seats;
        DROP FUNCTION IF EXISTS people_changed_notify();
        """;

    /// <summary>Granting or withdrawing an administration changes a person's role (added after the others, with the role in <c>PersonChanged</c>).</summary>
    public const string CreateAdminGrantsSql = """
        CREATE TRIGGER people_changed_admins AFTER INSERT OR UPDATE OR DELETE ON admin_grants
          FOR EACH STATEMENT EXECUTE FUNCTION people_changed_notify();
        """;

    public const string DropAdminGrantsSql = "DROP TRIGGER IF EXISTS people_changed_admins ON admin_grants;";

    public static void CreatePeopleTriggers(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(CreateSql);

    public static void DropPeopleTriggers(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSql);
}
