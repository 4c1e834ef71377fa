using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Publication.Migrations
{
    /// <inheritdoc />
    public partial class Pictures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "picture_id",
                table: "version_facts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "picture_received",
                table: "version_facts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "picture_id",
                table: "catalogue_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "catalogue_pictures",
                columns: table => new
                {
                    picture_id = table.Column<Guid>(type: "uuid", nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    webp = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_pictures", x => new { x.picture_id, x.width });
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_entries_picture_id",
                table: "catalogue_entries",
                column: "picture_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_pictures_submission_id",
                table: "catalogue_pictures",
                column: "submission_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_pictures");

            migrationBuilder.DropIndex(
                name: "ix_catalogue_entries_picture_id",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "picture_id",
                table: "version_facts");

            migrationBuilder.DropColumn(
                name: "picture_received",
                table: "version_facts");

            migrationBuilder.DropColumn(
                name: "picture_id",
                table: "catalogue_entries");
        }
    }
}
