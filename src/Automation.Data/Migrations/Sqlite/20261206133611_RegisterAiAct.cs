using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterAiAct : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
