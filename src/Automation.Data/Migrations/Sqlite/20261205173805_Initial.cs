using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Automation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "archived_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    generated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    factor_ids = table.Column<string>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archived_reports", x => x.id);
                });

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
                name: "buffered_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    correlation_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_buffered_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    purged_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    source_text = table.Column<string>(type: "TEXT", nullable: false),
                    source_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    published = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    published_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "factor_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    valid_from = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    valid_to = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_factor_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.scope, x.idempotency_key });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    incident_id = table.Column<long>(type: "INTEGER", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => new { x.case_id, x.incident_id });
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_match_outcomes",
                columns: table => new
                {
                    profile_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    offer_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_match_outcomes", x => new { x.profile_id, x.offer_id });
                });

            migrationBuilder.CreateTable(
                name: "labour_occupation_skills",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    skills = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_occupation_skills", x => x.occupation);
                });

            migrationBuilder.CreateTable(
                name: "labour_positions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    pay_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    weekly_hours = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_positions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_staff_profiles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    skills = table.Column<string>(type: "TEXT", nullable: false),
                    weekly_hours = table.Column<double>(type: "REAL", nullable: false),
                    consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    employer_share_waived = table.Column<bool>(type: "INTEGER", nullable: false),
                    target_occupations = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staff_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_staffing_declarations",
                columns: table => new
                {
                    topic = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    declared_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    declared_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staffing_declarations", x => x.topic);
                });

            migrationBuilder.CreateTable(
                name: "labour_staffing_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    positions = table.Column<int>(type: "INTEGER", nullable: false),
                    from_date = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    from_automation = table.Column<bool>(type: "INTEGER", nullable: false),
                    requirements = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_staffing_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labour_substitutability",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    share_percent = table.Column<double>(type: "REAL", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_substitutability", x => x.occupation);
                });

            migrationBuilder.CreateTable(
                name: "labour_training_offers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    skills = table.Column<string>(type: "TEXT", nullable: false),
                    hours = table.Column<double>(type: "REAL", nullable: true),
                    format = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    start_dates = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    cost_eur = table.Column<double>(type: "REAL", nullable: true),
                    accreditation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    eligibility_82 = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_labour_training_offers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_case_months",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    case_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cases = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_case_months", x => new { x.definition_id, x.month_start, x.case_status });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cell_durations",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    series = table.Column<int>(type: "INTEGER", nullable: false),
                    bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cell_durations", x => new { x.definition_id, x.month_start, x.node_id, x.case_status, x.series, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cell_people",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    worker_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cell_people", x => new { x.definition_id, x.month_start, x.node_id, x.case_status, x.worker_key });
                });

            migrationBuilder.CreateTable(
                name: "ledger_cells",
                columns: table => new
                {
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month_start = table.Column<long>(type: "INTEGER", nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    case_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_version = table.Column<string>(type: "TEXT", maxLength: 220, nullable: true),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    executions = table.Column<long>(type: "INTEGER", nullable: false),
                    priced = table.Column<long>(type: "INTEGER", nullable: false),
                    cases = table.Column<long>(type: "INTEGER", nullable: false),
                    measured_steps = table.Column<long>(type: "INTEGER", nullable: false),
                    people = table.Column<long>(type: "INTEGER", nullable: false),
                    human_work = table.Column<int>(type: "INTEGER", nullable: false),
                    ai_g = table.Column<double>(type: "REAL", nullable: false),
                    ai_wh = table.Column<double>(type: "REAL", nullable: false),
                    citizen_g = table.Column<double>(type: "REAL", nullable: false),
                    citizen_km = table.Column<double>(type: "REAL", nullable: false),
                    citizen_trips = table.Column<double>(type: "REAL", nullable: false),
                    compute_g = table.Column<double>(type: "REAL", nullable: false),
                    compute_wh = table.Column<double>(type: "REAL", nullable: false),
                    device_g = table.Column<double>(type: "REAL", nullable: false),
                    device_standard_g = table.Column<double>(type: "REAL", nullable: false),
                    duration_ms = table.Column<double>(type: "REAL", nullable: false),
                    embodied_g = table.Column<double>(type: "REAL", nullable: false),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: false),
                    labour_cost_standard_eur = table.Column<double>(type: "REAL", nullable: false),
                    measured_minutes = table.Column<double>(type: "REAL", nullable: false),
                    paper_g = table.Column<double>(type: "REAL", nullable: false),
                    post_g = table.Column<double>(type: "REAL", nullable: false),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: false),
                    standard_minutes = table.Column<double>(type: "REAL", nullable: false),
                    waiting_ms = table.Column<double>(type: "REAL", nullable: false),
                    waiting_standard_ms = table.Column<double>(type: "REAL", nullable: false),
                    workplace_g = table.Column<double>(type: "REAL", nullable: false),
                    workplace_standard_g = table.Column<double>(type: "REAL", nullable: false),
                    workplace_standard_wh = table.Column<double>(type: "REAL", nullable: false),
                    workplace_wh = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cells", x => new { x.definition_id, x.month_start, x.node_id, x.case_status });
                });

            migrationBuilder.CreateTable(
                name: "ledger_days",
                columns: table => new
                {
                    day = table.Column<long>(type: "INTEGER", nullable: false),
                    first_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_entry_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "ledger_folded_cases",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_folded_cases", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_rollup_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    refreshed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    cases_through = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_rollup_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_processes",
                columns: table => new
                {
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    released_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_processes", x => x.process_id);
                });

            migrationBuilder.CreateTable(
                name: "report_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    scheduled_for = table.Column<long>(type: "INTEGER", nullable: false),
                    period_from = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    period_to = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recipients = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "server_api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "server_login_failures",
                columns: table => new
                {
                    name_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_failure_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_login_failures", x => x.name_key);
                });

            migrationBuilder.CreateTable(
                name: "server_users",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    roles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    candidate_groups = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    external = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_users", x => x.user_name);
                });

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

            migrationBuilder.CreateTable(
                name: "steps",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ai_g = table.Column<double>(type: "REAL", nullable: true),
                    ai_wh = table.Column<double>(type: "REAL", nullable: true),
                    authority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    citizen_g = table.Column<double>(type: "REAL", nullable: true),
                    citizen_km = table.Column<double>(type: "REAL", nullable: true),
                    citizen_minutes = table.Column<double>(type: "REAL", nullable: true),
                    citizen_trips = table.Column<double>(type: "REAL", nullable: true),
                    compute_g = table.Column<double>(type: "REAL", nullable: true),
                    compute_wh = table.Column<double>(type: "REAL", nullable: true),
                    cpu_seconds = table.Column<double>(type: "REAL", nullable: true),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: true),
                    definition_version = table.Column<string>(type: "TEXT", maxLength: 220, nullable: true),
                    device_g = table.Column<double>(type: "REAL", nullable: true),
                    embodied_g = table.Column<double>(type: "REAL", nullable: true),
                    factor_set = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    factors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    inferences = table.Column<double>(type: "REAL", nullable: true),
                    labour_cost_eur = table.Column<double>(type: "REAL", nullable: true),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    paper_g = table.Column<double>(type: "REAL", nullable: true),
                    pay_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    post_g = table.Column<double>(type: "REAL", nullable: true),
                    staff_minutes = table.Column<double>(type: "REAL", nullable: true),
                    staff_minutes_basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    standard_minutes = table.Column<double>(type: "REAL", nullable: true),
                    worker_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    workplace_g = table.Column<double>(type: "REAL", nullable: true),
                    workplace_wh = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_steps", x => new { x.case_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    wait_id = table.Column<long>(type: "INTEGER", nullable: false),
                    process_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    roles = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    form_data = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    claimed_millis = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => new { x.case_id, x.wait_id });
                });

            migrationBuilder.CreateTable(
                name: "waits",
                columns: table => new
                {
                    case_id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    wait_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    correlation_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    signal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    scheduled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waits", x => new { x.case_id, x.wait_id });
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

            migrationBuilder.InsertData(
                table: "ledger_rollup_state",
                columns: new[] { "id", "cases_through", "refreshed_at", "watermark" },
                values: new object[] { 1, 0L, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "ux_archived_reports_name_period",
                table: "archived_reports",
                columns: new[] { "name", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_entity_kind_entity_id",
                table: "audit_log",
                columns: new[] { "entity_kind", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "IX_buffered_messages_name_correlation_key",
                table: "buffered_messages",
                columns: new[] { "name", "correlation_key" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_business_key",
                table: "cases",
                column: "business_key");

            migrationBuilder.CreateIndex(
                name: "ix_cases_dashboard",
                table: "cases",
                columns: new[] { "status", "ended_at", "process_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_process_id_status",
                table: "cases",
                columns: new[] { "process_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_started_at",
                table: "cases",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "IX_definitions_process_id_version",
                table: "definitions",
                columns: new[] { "process_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_factor_versions_key_version",
                table: "factor_versions",
                columns: new[] { "key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_due_at",
                table: "jobs",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_labour_positions_occupation",
                table: "labour_positions",
                column: "occupation");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_cells_process",
                table: "ledger_cells",
                columns: new[] { "process_id", "month_start" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_definition_id_node_id",
                table: "register_entries",
                columns: new[] { "definition_id", "node_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_overrides_definition_id",
                table: "register_overrides",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ux_report_deliveries_scheduled_for",
                table: "report_deliveries",
                column: "scheduled_for",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_simulation_forecasts_process",
                table: "simulation_forecasts",
                column: "process_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_assignee",
                table: "tasks",
                column: "assignee");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_escalated_at_due_at",
                table: "tasks",
                columns: new[] { "escalated_at", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_status_created_at",
                table: "tasks",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_waits_kind_message_name_correlation_key",
                table: "waits",
                columns: new[] { "kind", "message_name", "correlation_key" });

            migrationBuilder.CreateIndex(
                name: "IX_waits_kind_scheduled_due_at",
                table: "waits",
                columns: new[] { "kind", "scheduled", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_waits_kind_signal_name",
                table: "waits",
                columns: new[] { "kind", "signal_name" });

            migrationBuilder.Sql(InitialSql.CreateLedgerView("rowid"));
            foreach (var sql in InitialSql.SqliteAuditTriggers) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InitialSql.DropLedgerView);
            foreach (var sql in InitialSql.SqliteDropAuditTriggers) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "archived_reports");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "buffered_messages");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "factor_versions");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "labour_match_outcomes");

            migrationBuilder.DropTable(
                name: "labour_occupation_skills");

            migrationBuilder.DropTable(
                name: "labour_positions");

            migrationBuilder.DropTable(
                name: "labour_staff_profiles");

            migrationBuilder.DropTable(
                name: "labour_staffing_declarations");

            migrationBuilder.DropTable(
                name: "labour_staffing_entries");

            migrationBuilder.DropTable(
                name: "labour_substitutability");

            migrationBuilder.DropTable(
                name: "labour_training_offers");

            migrationBuilder.DropTable(
                name: "ledger_case_months");

            migrationBuilder.DropTable(
                name: "ledger_cell_durations");

            migrationBuilder.DropTable(
                name: "ledger_cell_people");

            migrationBuilder.DropTable(
                name: "ledger_cells");

            migrationBuilder.DropTable(
                name: "ledger_days");

            migrationBuilder.DropTable(
                name: "ledger_folded_cases");

            migrationBuilder.DropTable(
                name: "ledger_rollup_state");

            migrationBuilder.DropTable(
                name: "public_processes");

            migrationBuilder.DropTable(
                name: "register_entries");

            migrationBuilder.DropTable(
                name: "register_overrides");

            migrationBuilder.DropTable(
                name: "report_deliveries");

            migrationBuilder.DropTable(
                name: "server_api_tokens");

            migrationBuilder.DropTable(
                name: "server_login_failures");

            migrationBuilder.DropTable(
                name: "server_users");

            migrationBuilder.DropTable(
                name: "simulation_forecasts");

            migrationBuilder.DropTable(
                name: "steps");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "waits");

            migrationBuilder.DropTable(
                name: "definitions");
        }
    }
}
