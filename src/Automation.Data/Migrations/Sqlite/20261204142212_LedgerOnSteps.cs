using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerOnSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ai_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ai_wh",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "steps",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_km",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_minutes",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_trips",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "compute_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "compute_wh",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "cpu_seconds",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "definition_id",
                table: "steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "definition_version",
                table: "steps",
                type: "TEXT",
                maxLength: 220,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "embodied_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "factor_set",
                table: "steps",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "factors",
                table: "steps",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "inferences",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "labour_cost_eur",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "occupation",
                table: "steps",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "paper_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pay_level",
                table: "steps",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "post_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "staff_minutes",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "staff_minutes_basis",
                table: "steps",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "standard_minutes",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "worker_key",
                table: "steps",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "workplace_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "workplace_wh",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps",
                columns: new[] { "ended_at", "process_id" },
                filter: "factor_set IS NOT NULL");

            migrationBuilder.Sql(LedgerOnStepsSql.CopyToSteps);
            migrationBuilder.DropTable(
                name: "ledger_entries");
            migrationBuilder.Sql(LedgerOnStepsSql.CreateView("rowid"));
            migrationBuilder.Sql(LedgerOnStepsSql.ResetRollup);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW ledger_entries;");

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ai_g = table.Column<double>(type: "REAL", nullable: false),
                    ai_wh = table.Column<double>(type: "REAL", nullable: false),
                    authority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    citizen_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_km = table.Column<double>(type: "REAL", nullable: false),
                    citizen_minutes = table.Column<double>(type: "REAL", nullable: false),
                    citizen_trips = table.Column<double>(type: "REAL", nullable: false),
                    compute_g = table.Column<double>(type: "REAL", nullable: false),
                    compute_wh = table.Column<double>(type: "REAL", nullable: false),
                    cpu_seconds = table.Column<double>(type: "REAL", nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    embodied_g = table.Column<double>(type: "REAL", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: false),
                    factor_set = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    factors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    inferences = table.Column<double>(type: "REAL", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    paper_g = table.Column<double>(type: "REAL", nullable: false),
                    pay_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    post_g = table.Column<double>(type: "REAL", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: false),
                    staff_minutes_basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    standard_minutes = table.Column<double>(type: "REAL", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    worker_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    workplace_g = table.Column<double>(type: "REAL", nullable: false),
                    workplace_wh = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => new { x.case_id, x.sequence });
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_ended_at",
                table: "ledger_entries",
                columns: new[] { "ended_at", "process_id" });

            migrationBuilder.Sql(LedgerOnStepsSql.CopyFromSteps);
            migrationBuilder.Sql(LedgerOnStepsSql.ResetRollup);

            migrationBuilder.DropIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "ai_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "ai_wh",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "authority",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "citizen_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "citizen_km",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "citizen_minutes",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "citizen_trips",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "compute_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "compute_wh",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "cpu_seconds",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "definition_id",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "embodied_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "factor_set",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "factors",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "inferences",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "labour_cost_eur",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "occupation",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "paper_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "pay_level",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "post_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "staff_minutes",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "staff_minutes_basis",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "standard_minutes",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "worker_key",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "workplace_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "workplace_wh",
                table: "steps");

        }
    }
}
