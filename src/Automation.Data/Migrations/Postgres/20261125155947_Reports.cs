using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "archived_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    period_from = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_to = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    generated_at = table.Column<long>(type: "bigint", nullable: false),
                    factors = table.Column<string>(type: "text", nullable: false),
                    file_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archived_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_processes",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    released_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    released_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_processes", x => x.process_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_archived_reports_name_period_from_period_to",
                table: "archived_reports",
                columns: new[] { "name", "period_from", "period_to" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "archived_reports");

            migrationBuilder.DropTable(
                name: "public_processes");
        }
    }
}
