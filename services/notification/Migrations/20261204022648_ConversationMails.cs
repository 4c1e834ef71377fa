using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SemaineIndustrie.Notification.Migrations
{
    /// <inheritdoc />
    public partial class ConversationMails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_mails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    organisation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    followers = table.Column<List<string>>(type: "text[]", nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_mails", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_mails_closes_at",
                table: "conversation_mails",
                column: "closes_at",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversation_mails_submission_id_to_sent_at",
                table: "conversation_mails",
                columns: new[] { "submission_id", "to", "sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_mails");
        }
    }
}
