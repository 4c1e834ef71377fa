using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.LabellingReview.Migrations
{
    /// <inheritdoc />
    public partial class CaseEditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "edition",
                table: "review_cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Cases received before: the edition their current version was validated against, as the stored details say.
            migrationBuilder.Sql("UPDATE review_cases SET edition = COALESCE((details #>> '{edition,year}')::int, 0);");

            migrationBuilder.CreateTable(
                name: "editions",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_editions", x => x.year);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_edition_region_departement",
                table: "review_cases",
                columns: new[] { "edition", "region", "departement" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "editions");

            migrationBuilder.DropIndex(
                name: "ix_review_cases_edition_region_departement",
                table: "review_cases");

            migrationBuilder.DropColumn(
                name: "edition",
                table: "review_cases");
        }
    }
}
