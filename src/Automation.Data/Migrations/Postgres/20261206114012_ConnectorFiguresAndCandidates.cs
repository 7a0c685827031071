using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConnectorFiguresAndCandidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The view names its columns: it is recreated with the new ones.
            migrationBuilder.Sql(InitialSql.DropLedgerView);
            migrationBuilder.AddColumn<string>(
                name: "candidate_users",
                table: "tasks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ai_size_class",
                table: "steps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ai_tokens",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "avoided_post_g",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "emails_sent",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "letters_avoided",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "pdf_pages",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "transfer_gb",
                table: "steps",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "avoided_post_g",
                table: "ledger_cells",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "emails_sent",
                table: "ledger_cells",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "letters_avoided",
                table: "ledger_cells",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "pdf_pages",
                table: "ledger_cells",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);
            migrationBuilder.Sql(ConnectorFiguresSql.CreateLedgerView("entry_id"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InitialSql.DropLedgerView);
            migrationBuilder.DropColumn(
                name: "candidate_users",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "ai_size_class",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "ai_tokens",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "avoided_post_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "emails_sent",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "letters_avoided",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "pdf_pages",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "transfer_gb",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "avoided_post_g",
                table: "ledger_cells");

            migrationBuilder.DropColumn(
                name: "emails_sent",
                table: "ledger_cells");

            migrationBuilder.DropColumn(
                name: "letters_avoided",
                table: "ledger_cells");

            migrationBuilder.DropColumn(
                name: "pdf_pages",
                table: "ledger_cells");
            migrationBuilder.Sql(InitialSql.CreateLedgerView("entry_id"));
        }
    }
}
