using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Publication.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueSessionDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly[]>(
                name: "session_days",
                table: "catalogue_entries",
                type: "date[]",
                nullable: false,
                defaultValue: new DateOnly[0]);

            // Events published before sessions: one session, every day from its first to its last.
            migrationBuilder.Sql("UPDATE catalogue_entries SET session_days = ARRAY(SELECT generate_series(first_day, last_day, interval '1 day')::date);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "session_days",
                table: "catalogue_entries");
        }
    }
}
