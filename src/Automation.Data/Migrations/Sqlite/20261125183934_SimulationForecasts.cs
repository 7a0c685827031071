using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SimulationForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "simulation_forecasts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    scenario = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    study_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    scenario_json = table.Column<string>(type: "TEXT", nullable: false),
                    seed = table.Column<long>(type: "INTEGER", nullable: false),
                    cases = table.Column<int>(type: "INTEGER", nullable: false),
                    replications = table.Column<int>(type: "INTEGER", nullable: false),
                    used_history = table.Column<bool>(type: "INTEGER", nullable: false),
                    cases_per_year = table.Column<double>(type: "REAL", nullable: false),
                    steps_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulation_forecasts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_simulation_forecasts_process",
                table: "simulation_forecasts",
                column: "process_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulation_forecasts");
        }
    }
}
