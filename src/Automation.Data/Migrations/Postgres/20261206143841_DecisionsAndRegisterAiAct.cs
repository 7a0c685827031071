using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecisionsAndRegisterAiAct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "affected_information",
                table: "register_entries",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "annex_iii_point",
                table: "register_entries",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "authority_notified_on",
                table: "register_entries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deployer_address",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deployer_name",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dpia_link",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "fria_date",
                table: "register_entries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "fria_review_date",
                table: "register_entries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fria_version",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "full_automation_basis",
                table: "register_entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "human_route",
                table: "register_entries",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "log_retention_months",
                table: "register_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "no_discretion_confirmed",
                table: "register_entries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "permitting_norm",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_eu_db_number",
                table: "register_entries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decision_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    decision_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xml = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "decision_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    step_sequence = table.Column<int>(type: "integer", nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    decision_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    decision_version = table.Column<int>(type: "integer", nullable: false),
                    decision_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    inputs = table.Column<string>(type: "text", nullable: false),
                    matched_rules = table.Column<string>(type: "text", nullable: false),
                    outputs = table.Column<string>(type: "text", nullable: false),
                    evaluated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_evaluations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decision_definitions_key_version",
                table: "decision_definitions",
                columns: new[] { "decision_key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_decision_evaluations_case",
                table: "decision_evaluations",
                columns: new[] { "case_id", "step_sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_definitions");

            migrationBuilder.DropTable(
                name: "decision_evaluations");

            migrationBuilder.DropColumn(
                name: "affected_information",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "annex_iii_point",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "authority_notified_on",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "deployer_address",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "deployer_name",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "dpia_link",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "fria_date",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "fria_review_date",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "fria_version",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "full_automation_basis",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "human_route",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "log_retention_months",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "no_discretion_confirmed",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "permitting_norm",
                table: "register_entries");

            migrationBuilder.DropColumn(
                name: "provider_eu_db_number",
                table: "register_entries");
        }
    }
}
