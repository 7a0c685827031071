using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LabourMarket : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "labour_match_outcomes",
                columns: table => new
                {
                    profile_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    offer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_match_outcomes", x => new { x.profile_id, x.offer_id });
                });

            migrationBuilder.CreateTable(
                name: "labour_occupation_skills",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    skills = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_occupation_skills", x => x.occupation);
                });

            migrationBuilder.CreateTable(
                name: "labour_positions",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    pay_level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    weekly_hours = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_positions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_staff_profiles",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    skills = table.Column<string>(type: "text", nullable: false),
                    weekly_hours = table.Column<double>(type: "double precision", nullable: false),
                    consent = table.Column<bool>(type: "boolean", nullable: false),
                    target_occupations = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staff_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_substitutability",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    share_percent = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_substitutability", x => x.occupation);
                });

            migrationBuilder.CreateTable(
                name: "labour_training_offers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    provider = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    skills = table.Column<string>(type: "text", nullable: false),
                    hours = table.Column<double>(type: "double precision", nullable: true),
                    format = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    start_dates = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    cost_eur = table.Column<double>(type: "double precision", nullable: true),
                    accreditation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    eligibility_82 = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_training_offers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_labour_positions_occupation",
                table: "labour_positions",
                column: "occupation");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "labour_match_outcomes");

            migrationBuilder.DropTable(
                name: "labour_occupation_skills");

            migrationBuilder.DropTable(
                name: "labour_positions");

            migrationBuilder.DropTable(
                name: "labour_staff_profiles");

            migrationBuilder.DropTable(
                name: "labour_substitutability");

            migrationBuilder.DropTable(
                name: "labour_training_offers");
        }
    }
}
