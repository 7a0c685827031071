using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ledger_entries_process_id_ended_at",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_dashboard",
                table: "ledger_entries",
                columns: new[] { "process_id", "ended_at", "case_id", "actor", "staff_minutes", "labour_cost_eur", "workplace_g", "compute_g", "ai_g", "paper_g", "post_g", "embodied_g", "citizen_g" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_dashboard",
                table: "cases",
                columns: new[] { "status", "ended_at", "process_id", "started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_dashboard",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_cases_dashboard",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_process_id_ended_at",
                table: "ledger_entries",
                columns: new[] { "process_id", "ended_at" });
        }
    }
}
