using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Notification.Migrations
{
    /// <inheritdoc />
    public partial class PeopleRolesAndResync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "admin_region",
                table: "people",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "people",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "people_resync",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people_resync", x => x.request_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_people_admin_region",
                table: "people",
                column: "admin_region");

            // Identity's answer was recorded as a scheduled run: it moves to the shared table (no second resync needed).
            migrationBuilder.Sql("""
                INSERT INTO people_resync (request_id, people, answered_at) SELECT gen_random_uuid(), 0, ran_at FROM scheduled_runs WHERE job = 'people-resync';
                DELETE FROM scheduled_runs WHERE job = 'people-resync';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO scheduled_runs (job, period, ran_at) SELECT 'people-resync', 'answered', min(answered_at) FROM people_resync HAVING count(*) > 0;
                """);
            migrationBuilder.DropTable(
                name: "people_resync");

            migrationBuilder.DropIndex(
                name: "ix_people_admin_region",
                table: "people");

            migrationBuilder.DropColumn(
                name: "admin_region",
                table: "people");

            migrationBuilder.DropColumn(
                name: "role",
                table: "people");
        }
    }
}
