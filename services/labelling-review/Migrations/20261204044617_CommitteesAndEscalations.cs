using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.LabellingReview.Migrations
{
    /// <inheritdoc />
    public partial class CommitteesAndEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_escalations",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    working_days_late = table.Column<int>(type: "integer", nullable: false),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_escalations", x => new { x.case_id, x.level });
                    table.ForeignKey(
                        name: "fk_case_escalations_review_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "review_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    departements = table.Column<List<string>>(type: "text[]", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    admin_region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.user_id);
                });

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

            migrationBuilder.CreateIndex(
                name: "ix_people_organisation_id",
                table: "people",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_region",
                table: "people",
                column: "region");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_escalations");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "people_resync");
        }
    }
}
