using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Publication.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueFocusTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "focus_tags",
                table: "catalogue_entries",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_entries_focus_tags",
                table: "catalogue_entries",
                column: "focus_tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_catalogue_entries_focus_tags",
                table: "catalogue_entries");

            migrationBuilder.DropColumn(
                name: "focus_tags",
                table: "catalogue_entries");
        }
    }
}
