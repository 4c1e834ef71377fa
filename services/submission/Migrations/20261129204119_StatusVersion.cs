using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Submission.Migrations
{
    /// <inheritdoc />
    public partial class StatusVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "status_version",
                table: "submissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing submissions: as many status changes as their timeline holds.
            migrationBuilder.Sql("""
                UPDATE submissions s SET status_version = (SELECT count(*) FROM submission_status_changes h WHERE h.submission_id = s.id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "status_version",
                table: "submissions");
        }
    }
}
