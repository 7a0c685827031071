using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExternalTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "external_tasks",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    wait_id = table.Column<long>(type: "INTEGER", nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    inputs = table.Column<string>(type: "TEXT", nullable: false),
                    variables = table.Column<string>(type: "TEXT", nullable: false),
                    retries = table.Column<int>(type: "INTEGER", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    error_details = table.Column<string>(type: "TEXT", nullable: true),
                    worker_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lock_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_tasks", x => new { x.case_id, x.wait_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_topic",
                table: "external_tasks",
                columns: new[] { "topic", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_tasks");
        }
    }
}
