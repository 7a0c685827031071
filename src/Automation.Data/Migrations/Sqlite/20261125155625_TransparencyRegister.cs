using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransparencyRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entity_kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    before_json = table.Column<string>(type: "TEXT", nullable: true),
                    after_json = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    draft = table.Column<bool>(type: "INTEGER", nullable: false),
                    carried_from_version = table.Column<int>(type: "INTEGER", nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    legal_basis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    automation_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    full_automation_permitted = table.Column<bool>(type: "INTEGER", nullable: false),
                    human_oversight = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    affected_groups = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    data_used = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    system_name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    risk_class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    fria_processes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_period_frequency = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_affected_categories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_specific_risks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_oversight = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_measures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    fria_complaint_channel = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    contact = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_register_entries_definitions_definition_id",
                        column: x => x.definition_id,
                        principalTable: "definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "register_overrides",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    missing_json = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_overrides", x => x.id);
                    table.ForeignKey(
                        name: "FK_register_overrides_definitions_definition_id",
                        column: x => x.definition_id,
                        principalTable: "definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_entity_kind_entity_id",
                table: "audit_log",
                columns: new[] { "entity_kind", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_definition_id_node_id",
                table: "register_entries",
                columns: new[] { "definition_id", "node_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_overrides_definition_id",
                table: "register_overrides",
                column: "definition_id");

            // The audit log is append-only: the database itself refuses changes and deletions.
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_delete;");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "register_entries");

            migrationBuilder.DropTable(
                name: "register_overrides");
        }
    }
}
