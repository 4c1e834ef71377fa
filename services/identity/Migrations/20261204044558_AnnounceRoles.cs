using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Identity.Migrations
{
    /// <inheritdoc />
    public partial class AnnounceRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Announcements now carry the role and the région administered (the new fingerprint announces everybody once):
            // granting or withdrawing an administration wakes the announcer too.
            migrationBuilder.Sql(SemaineIndustrie.Identity.People.PeopleTriggers.CreateAdminGrantsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SemaineIndustrie.Identity.People.PeopleTriggers.DropAdminGrantsSql);
        }
    }
}
