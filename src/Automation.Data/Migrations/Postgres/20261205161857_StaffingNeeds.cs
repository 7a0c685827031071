using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffingNeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "employer_share_waived",
                table: "labour_staff_profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "labour_staffing_declarations",
                columns: table => new
                {
                    topic = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    declared_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    declared_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staffing_declarations", x => x.topic);
                });

            migrationBuilder.CreateTable(
                name: "labour_staffing_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    positions = table.Column<int>(type: "integer", nullable: false),
                    from_date = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    from_automation = table.Column<bool>(type: "boolean", nullable: false),
                    requirements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staffing_entries", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "labour_staffing_declarations");

            migrationBuilder.DropTable(
                name: "labour_staffing_entries");

            migrationBuilder.DropColumn(
                name: "employer_share_waived",
                table: "labour_staff_profiles");
        }
    }
}
