using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_dashboard",
                table: "ledger_entries");

            migrationBuilder.CreateTable(
                name: "ledger_monthly",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    staffed = table.Column<int>(type: "INTEGER", nullable: false),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    steps = table.Column<long>(type: "INTEGER", nullable: false),
                    automated_steps = table.Column<long>(type: "INTEGER", nullable: false),
                    ai_steps = table.Column<long>(type: "INTEGER", nullable: false),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: false),
                    workplace_g = table.Column<double>(type: "REAL", nullable: false),
                    compute_g = table.Column<double>(type: "REAL", nullable: false),
                    ai_g = table.Column<double>(type: "REAL", nullable: false),
                    paper_g = table.Column<double>(type: "REAL", nullable: false),
                    post_g = table.Column<double>(type: "REAL", nullable: false),
                    embodied_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_g = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_monthly", x => new { x.process_id, x.month_start, x.case_id, x.node_id, x.actor, x.outcome, x.occupation, x.staffed });
                });

            migrationBuilder.CreateTable(
                name: "ledger_monthly_cases",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    steps = table.Column<long>(type: "INTEGER", nullable: false),
                    automated_steps = table.Column<long>(type: "INTEGER", nullable: false),
                    ai_steps = table.Column<long>(type: "INTEGER", nullable: false),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: false),
                    workplace_g = table.Column<double>(type: "REAL", nullable: false),
                    compute_g = table.Column<double>(type: "REAL", nullable: false),
                    ai_g = table.Column<double>(type: "REAL", nullable: false),
                    paper_g = table.Column<double>(type: "REAL", nullable: false),
                    post_g = table.Column<double>(type: "REAL", nullable: false),
                    embodied_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_g = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_monthly_cases", x => new { x.process_id, x.month_start, x.case_id });
                });

            migrationBuilder.CreateTable(
                name: "ledger_rollup_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    refreshed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_rollup_state", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "ledger_rollup_state",
                columns: new[] { "id", "refreshed_at", "watermark" },
                values: new object[] { 1, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_ended_at",
                table: "ledger_entries",
                columns: new[] { "ended_at", "process_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_monthly");

            migrationBuilder.DropTable(
                name: "ledger_monthly_cases");

            migrationBuilder.DropTable(
                name: "ledger_rollup_state");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_ended_at",
                table: "ledger_entries");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_dashboard",
                table: "ledger_entries",
                columns: new[] { "process_id", "ended_at", "case_id", "actor", "staff_minutes", "labour_cost_eur", "workplace_g", "compute_g", "ai_g", "paper_g", "post_g", "embodied_g", "citizen_g" });
        }
    }
}
