using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps");

            migrationBuilder.CreateTable(
                name: "ledger_days",
                columns: table => new
                {
                    day = table.Column<long>(type: "INTEGER", nullable: false),
                    first_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_entry_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_days", x => x.day);
                });

            // The entries folded so far get their day ranges here; later folds add theirs (Reports/LedgerRollup).
            migrationBuilder.Sql(
                "INSERT INTO ledger_days (day, first_entry_id, last_entry_id) " +
                "SELECT ended_at / 86400000, MIN(entry_id), MAX(entry_id) FROM ledger_entries " +
                "WHERE entry_id <= (SELECT COALESCE(MAX(watermark), 0) FROM ledger_rollup_state) GROUP BY ended_at / 86400000;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_days");

            migrationBuilder.CreateIndex(
                name: "ix_steps_ledger_ended_at",
                table: "steps",
                columns: new[] { "ended_at", "process_id" },
                filter: "factor_set IS NOT NULL");
        }
    }
}
