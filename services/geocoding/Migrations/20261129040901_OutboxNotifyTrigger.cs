using Microsoft.EntityFrameworkCore.Migrations;
using SemaineIndustrie.Messaging.Outbox;

#nullable disable

namespace SemaineIndustrie.Geocoding.Migrations
{
    /// <inheritdoc />
    public partial class OutboxNotifyTrigger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateOutboxNotifyTrigger();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropOutboxNotifyTrigger();
    }
}
