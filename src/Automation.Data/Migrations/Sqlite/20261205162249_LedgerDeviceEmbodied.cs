using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerDeviceEmbodied : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "device_g",
                table: "steps",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "device_g",
                table: "ledger_cells",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "device_standard_g",
                table: "ledger_cells",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            // The view lists its columns: created again with device_g.
            migrationBuilder.Sql(LedgerDeviceEmbodiedSql.DropView);
            migrationBuilder.Sql(LedgerDeviceEmbodiedSql.CreateView("rowid"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LedgerDeviceEmbodiedSql.DropView);

            migrationBuilder.DropColumn(
                name: "device_g",
                table: "steps");

            migrationBuilder.DropColumn(
                name: "device_g",
                table: "ledger_cells");

            migrationBuilder.DropColumn(
                name: "device_standard_g",
                table: "ledger_cells");

            migrationBuilder.Sql(LedgerOnStepsSql.CreateView("rowid"));
        }
    }
}
