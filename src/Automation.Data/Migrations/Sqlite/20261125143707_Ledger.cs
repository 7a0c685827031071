using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: false),
                    authority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    factor_set = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    factors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    pay_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    standard_minutes = table.Column<double>(type: "REAL", nullable: false),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: false),
                    staff_minutes_basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: false),
                    cpu_seconds = table.Column<double>(type: "REAL", nullable: false),
                    inferences = table.Column<double>(type: "REAL", nullable: false),
                    workplace_wh = table.Column<double>(type: "REAL", nullable: false),
                    workplace_g = table.Column<double>(type: "REAL", nullable: false),
                    compute_wh = table.Column<double>(type: "REAL", nullable: false),
                    compute_g = table.Column<double>(type: "REAL", nullable: false),
                    ai_wh = table.Column<double>(type: "REAL", nullable: false),
                    ai_g = table.Column<double>(type: "REAL", nullable: false),
                    paper_g = table.Column<double>(type: "REAL", nullable: false),
                    post_g = table.Column<double>(type: "REAL", nullable: false),
                    embodied_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_trips = table.Column<double>(type: "REAL", nullable: false),
                    citizen_km = table.Column<double>(type: "REAL", nullable: false),
                    citizen_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_minutes = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => new { x.case_id, x.sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_process_id_ended_at",
                table: "ledger_entries",
                columns: new[] { "process_id", "ended_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_entries");
        }
    }
}
