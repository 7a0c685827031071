using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "annex_iii_point",
                table: "register_entries",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "authority_notified_on",
                table: "register_entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deployer_address",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deployer_name",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dpia_link",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "fria_date",
                table: "register_entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "fria_review_date",
                table: "register_entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fria_version",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "full_automation_basis",
                table: "register_entries",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "human_route",
                table: "register_entries",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "log_retention_months",
                table: "register_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "no_discretion_confirmed",
                table: "register_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "permitting_norm",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_eu_db_number",
                table: "register_entries",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decision_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    decision_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "decision_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    step_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    decision_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    decision_version = table.Column<int>(type: "INTEGER", nullable: false),
                    decision_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    inputs = table.Column<string>(type: "TEXT", nullable: false),
                    matched_rules = table.Column<string>(type: "TEXT", nullable: false),
                    outputs = table.Column<string>(type: "TEXT", nullable: false),
                    evaluated_at = table.Column<long>(type: "INTEGER", nullable: false)
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
