using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CamundaTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "candidate_users",
                table: "tasks",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "candidate_users",
                table: "tasks");
        }
    }
}
