using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Automation.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    scenario = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    study_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    scenario_json = table.Column<string>(type: "text", nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    cases = table.Column<int>(type: "integer", nullable: false),
                    replications = table.Column<int>(type: "integer", nullable: false),
                    used_history = table.Column<bool>(type: "boolean", nullable: false),
                    cases_per_year = table.Column<double>(type: "double precision", nullable: false),
                    steps_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
