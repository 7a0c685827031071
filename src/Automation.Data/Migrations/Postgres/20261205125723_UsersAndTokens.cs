using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Automation.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsersAndTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The server created these tables itself before (see UsersAndTokensSql): old rows move into the model's tables.
            migrationBuilder.Sql(UsersAndTokensSql.EnsureLegacyTables);
            migrationBuilder.RenameTable(name: "server_users", newName: UsersAndTokensSql.OldUsers);
            migrationBuilder.RenameTable(name: "server_api_tokens", newName: UsersAndTokensSql.OldTokens);

            migrationBuilder.CreateTable(
                name: "server_api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    last_used_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "server_login_failures",
                columns: table => new
                {
                    name_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<long>(type: "bigint", nullable: true),
                    last_failure_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_login_failures", x => x.name_key);
                });

            migrationBuilder.CreateTable(
                name: "server_users",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    roles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    candidate_groups = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_users", x => x.user_name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_server_api_tokens_user_name",
                table: "server_api_tokens",
                column: "user_name");

            migrationBuilder.CreateIndex(
                name: "ux_server_api_tokens_token_hash",
                table: "server_api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_server_login_failures_last_failure_at",
                table: "server_login_failures",
                column: "last_failure_at");

            migrationBuilder.CreateIndex(
                name: "ix_server_users_normalized_name",
                table: "server_users",
                column: "normalized_name");

            migrationBuilder.Sql(UsersAndTokensSql.CopyIntoModel("replace(gen_random_uuid()::text, '-', '')", "CAST(extract(epoch FROM now()) * 1000 AS bigint)"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(UsersAndTokensSql.CreateOldAside);
            migrationBuilder.Sql(UsersAndTokensSql.CopyBack);

            migrationBuilder.DropTable(
                name: "server_api_tokens");

            migrationBuilder.DropTable(
                name: "server_login_failures");

            migrationBuilder.DropTable(
                name: "server_users");

            migrationBuilder.RenameTable(name: UsersAndTokensSql.OldUsers, newName: "server_users");
            migrationBuilder.RenameTable(name: UsersAndTokensSql.OldTokens, newName: "server_api_tokens");
        }
    }
}
