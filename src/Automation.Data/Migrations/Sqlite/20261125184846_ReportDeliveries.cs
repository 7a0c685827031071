using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    scheduled_for = table.Column<long>(type: "INTEGER", nullable: false),
                    period_from = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    period_to = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recipients = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_deliveries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_report_deliveries_scheduled_for",
                table: "report_deliveries",
                column: "scheduled_for",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_deliveries");
        }
    }
}
