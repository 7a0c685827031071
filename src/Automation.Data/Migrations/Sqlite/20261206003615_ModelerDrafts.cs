using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelerDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "modeler_drafts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_modeler_drafts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_modeler_drafts_owner_updated_at",
                table: "modeler_drafts",
                columns: new[] { "owner", "updated_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "modeler_drafts");
        }
    }
}
