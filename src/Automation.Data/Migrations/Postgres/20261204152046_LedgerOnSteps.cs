using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Automation.Data.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ai_wh",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "authority",
                table: "steps",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_km",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_minutes",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "citizen_trips",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "compute_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "compute_wh",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "cpu_seconds",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "definition_id",
                table: "steps",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "definition_version",
                table: "steps",
                type: "character varying(220)",
                maxLength: 220,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "embodied_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "entry_id",
                table: "steps",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.AddColumn<string>(
                name: "factor_set",
                table: "steps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "factors",
                table: "steps",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "inferences",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "labour_cost_eur",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "occupation",
                table: "steps",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "paper_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pay_level",
                table: "steps",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "post_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "staff_minutes",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "staff_minutes_basis",
                table: "steps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "standard_minutes",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "worker_key",
                table: "steps",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "workplace_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "workplace_wh",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps",
                column: "ended_at",
                filter: "factor_set IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_steps_ledger_entry_id",
                table: "steps",
                column: "entry_id",
                filter: "factor_set IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.Sql(LedgerOnStepsSql.CopyToSteps);
            migrationBuilder.DropTable(
                name: "ledger_entries");
            migrationBuilder.Sql(LedgerOnStepsSql.CreateView("entry_id"));
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
                    case_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    actor = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ai_g = table.Column<double>(type: "double precision", nullable: false),
                    ai_wh = table.Column<double>(type: "double precision", nullable: false),
                    authority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    citizen_g = table.Column<double>(type: "double precision", nullable: false),
                    citizen_km = table.Column<double>(type: "double precision", nullable: false),
                    citizen_minutes = table.Column<double>(type: "double precision", nullable: false),
                    citizen_trips = table.Column<double>(type: "double precision", nullable: false),
                    compute_g = table.Column<double>(type: "double precision", nullable: false),
                    compute_wh = table.Column<double>(type: "double precision", nullable: false),
                    cpu_seconds = table.Column<double>(type: "double precision", nullable: false),
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    definition_version = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    embodied_g = table.Column<double>(type: "double precision", nullable: false),
                    ended_at = table.Column<long>(type: "bigint", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    factor_set = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    factors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    inferences = table.Column<double>(type: "double precision", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "double precision", nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    paper_g = table.Column<double>(type: "double precision", nullable: false),
                    pay_level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    post_g = table.Column<double>(type: "double precision", nullable: false),
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    staff_minutes = table.Column<double>(type: "double precision", nullable: false),
                    staff_minutes_basis = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    standard_minutes = table.Column<double>(type: "double precision", nullable: false),
                    started_at = table.Column<long>(type: "bigint", nullable: false),
                    worker_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    workplace_g = table.Column<double>(type: "double precision", nullable: false),
                    workplace_wh = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => new { x.case_id, x.sequence });
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_ended_at",
                table: "ledger_entries",
                columns: new[] { "ended_at", "process_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_entry_id",
                table: "ledger_entries",
                column: "entry_id");

            migrationBuilder.Sql(LedgerOnStepsSql.CopyFromSteps);
            migrationBuilder.Sql(LedgerOnStepsSql.ResetRollup);

            migrationBuilder.DropIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps");

            migrationBuilder.DropIndex(
                name: "ix_steps_ledger_entry_id",
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
                name: "entry_id",
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
