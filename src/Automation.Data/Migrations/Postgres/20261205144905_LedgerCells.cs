using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_monthly");

            migrationBuilder.DropTable(
                name: "ledger_monthly_cases");

            migrationBuilder.AddColumn<long>(
                name: "cases_through",
                table: "ledger_rollup_state",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ledger_case_months",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    case_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cases = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_case_months", x => new { x.definition_id, x.month_start, x.case_status });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cell_durations",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    series = table.Column<int>(type: "integer", nullable: false),
                    bucket = table.Column<int>(type: "integer", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cell_durations", x => new { x.definition_id, x.month_start, x.node_id, x.case_status, x.series, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cell_people",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    worker_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cell_people", x => new { x.definition_id, x.month_start, x.node_id, x.case_status, x.worker_key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cells",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_version = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: true),
                    node_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    executions = table.Column<long>(type: "bigint", nullable: false),
                    priced = table.Column<long>(type: "bigint", nullable: false),
                    cases = table.Column<long>(type: "bigint", nullable: false),
                    measured_steps = table.Column<long>(type: "bigint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false),
                    human_work = table.Column<int>(type: "integer", nullable: false),
                    standard_minutes = table.Column<double>(type: "double precision", nullable: false),
                    labour_cost_standard_eur = table.Column<double>(type: "double precision", nullable: false),
                    workplace_standard_wh = table.Column<double>(type: "double precision", nullable: false),
                    workplace_standard_g = table.Column<double>(type: "double precision", nullable: false),
                    staff_minutes = table.Column<double>(type: "double precision", nullable: false),
                    measured_minutes = table.Column<double>(type: "double precision", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "double precision", nullable: false),
                    workplace_wh = table.Column<double>(type: "double precision", nullable: false),
                    workplace_g = table.Column<double>(type: "double precision", nullable: false),
                    compute_wh = table.Column<double>(type: "double precision", nullable: false),
                    compute_g = table.Column<double>(type: "double precision", nullable: false),
                    ai_wh = table.Column<double>(type: "double precision", nullable: false),
                    ai_g = table.Column<double>(type: "double precision", nullable: false),
                    paper_g = table.Column<double>(type: "double precision", nullable: false),
                    post_g = table.Column<double>(type: "double precision", nullable: false),
                    embodied_g = table.Column<double>(type: "double precision", nullable: false),
                    citizen_trips = table.Column<double>(type: "double precision", nullable: false),
                    citizen_km = table.Column<double>(type: "double precision", nullable: false),
                    citizen_g = table.Column<double>(type: "double precision", nullable: false),
                    duration_ms = table.Column<double>(type: "double precision", nullable: false),
                    waiting_ms = table.Column<double>(type: "double precision", nullable: false),
                    waiting_standard_ms = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cells", x => new { x.definition_id, x.month_start, x.node_id, x.case_status });
                });

            migrationBuilder.CreateTable(
                name: "ledger_folded_cases",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_folded_cases", x => x.case_id);
                });

            migrationBuilder.UpdateData(
                table: "ledger_rollup_state",
                keyColumn: "id",
                keyValue: 1,
                column: "cases_through",
                value: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_cells_process",
                table: "ledger_cells",
                columns: new[] { "process_id", "month_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_case_months");

            migrationBuilder.DropTable(
                name: "ledger_cell_durations");

            migrationBuilder.DropTable(
                name: "ledger_cell_people");

            migrationBuilder.DropTable(
                name: "ledger_cells");

            migrationBuilder.DropTable(
                name: "ledger_folded_cases");

            migrationBuilder.DropColumn(
                name: "cases_through",
                table: "ledger_rollup_state");

            migrationBuilder.CreateTable(
                name: "ledger_monthly",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    case_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    staffed = table.Column<int>(type: "integer", nullable: false),
                    ai_g = table.Column<double>(type: "double precision", nullable: false),
                    ai_steps = table.Column<long>(type: "bigint", nullable: false),
                    automated_steps = table.Column<long>(type: "bigint", nullable: false),
                    citizen_g = table.Column<double>(type: "double precision", nullable: false),
                    compute_g = table.Column<double>(type: "double precision", nullable: false),
                    embodied_g = table.Column<double>(type: "double precision", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "double precision", nullable: false),
                    node_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    paper_g = table.Column<double>(type: "double precision", nullable: false),
                    post_g = table.Column<double>(type: "double precision", nullable: false),
                    staff_minutes = table.Column<double>(type: "double precision", nullable: false),
                    steps = table.Column<long>(type: "bigint", nullable: false),
                    workplace_g = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_monthly", x => new { x.process_id, x.month_start, x.case_id, x.node_id, x.actor, x.outcome, x.occupation, x.staffed });
                });

            migrationBuilder.CreateTable(
                name: "ledger_monthly_cases",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    month_start = table.Column<long>(type: "bigint", nullable: false),
                    case_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    ai_g = table.Column<double>(type: "double precision", nullable: false),
                    ai_steps = table.Column<long>(type: "bigint", nullable: false),
                    automated_steps = table.Column<long>(type: "bigint", nullable: false),
                    citizen_g = table.Column<double>(type: "double precision", nullable: false),
                    compute_g = table.Column<double>(type: "double precision", nullable: false),
                    embodied_g = table.Column<double>(type: "double precision", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "double precision", nullable: false),
                    paper_g = table.Column<double>(type: "double precision", nullable: false),
                    post_g = table.Column<double>(type: "double precision", nullable: false),
                    staff_minutes = table.Column<double>(type: "double precision", nullable: false),
                    steps = table.Column<long>(type: "bigint", nullable: false),
                    workplace_g = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_monthly_cases", x => new { x.process_id, x.month_start, x.case_id });
                });
        }
    }
}
