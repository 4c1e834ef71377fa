using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Identity.Migrations
{
    /// <inheritdoc />
    public partial class VerifiedSiret : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_organisations_siret",
                table: "organisations");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "siret_verified_at",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: true);

            // Organisations created so far by a provider's sign-in (audited so) or by the seed had their SIRET vouched for.
            migrationBuilder.Sql("""
                UPDATE organisations o SET siret_verified_at = o.created_at
                WHERE o.siret IS NOT NULL AND (o.created_by = 'system'
                    OR EXISTS (SELECT 1 FROM audit_entries a WHERE a.organisation_id = o.id AND a.action = 'organisation.created.external'));
                """);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_verified_siret",
                table: "organisations",
                column: "siret",
                unique: true,
                filter: "siret_verified_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_organisations_verified_siret",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "siret_verified_at",
                table: "organisations");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_siret",
                table: "organisations",
                column: "siret",
                unique: true);
        }
    }
}
