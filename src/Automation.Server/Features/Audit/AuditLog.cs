using System.Text.Json;
using Automation.Data.Schema;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Audit;

/// <summary>Kinds of audited entities (the <c>entity_kind</c> column).</summary>
internal static class AuditKinds
{
    public const string Definition = "definition";
    public const string RegisterEntry = "register-entry";
    public const string User = "user";
    public const string ApiToken = "api-token";
    public const string FactorVersion = "factor-version";
    public const string SimulationForecast = "simulation-forecast";
    /// <summary>Case data deleted after its retention period (written by the host's background job).</summary>
    public const string CaseRetention = Automation.Data.WorkflowHost.RetentionAuditKind;
    public const string Login = "login";
    /// <summary>A connector secret: named, never its value.</summary>
    public const string Secret = "secret";
    public const string OutboundHost = "outbound-host";

    /// <summary>Every kind the log holds, in the order of the page's filter (each has its German name, Protokollart_…).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Definition, Features.Decisions.PublishDecisions.AuditKind, RegisterEntry, User, ApiToken, Login, FactorVersion, SimulationForecast, Secret, OutboundHost,
        Automation.Data.DecisionRows.AuditKind, CaseRetention,
    ];
}

/// <summary>
/// The one way features write the append-only audit log: who (the signed-in user, else "system"), when, which
/// entity, what action, and the state before and after as JSON. Features call it after their change succeeded,
/// e.g. <c>await audit.RecordAsync(AuditKinds.FactorVersion, id, "create", null, version, ct: ct);</c>.
/// </summary>
internal interface IAuditLog
{
    /// <summary>Writes one audit row in its own transaction; <paramref name="actor"/> overrides the signed-in user (logins).</summary>
    Task RecordAsync(string entityKind, string entityId, string action, object? before, object? after, string? reason = null, string? actor = null,
        CancellationToken ct = default);

    /// <summary>Adds one audit row to a context, so it commits together with the change the caller saves.</summary>
    void Add(AutomationDbContext context, string entityKind, string entityId, string action, object? before, object? after, string? reason = null,
        string? actor = null);
}

/// <summary>
/// Writes audit rows through the host's database. There is deliberately no update or delete method. Text columns
/// that may carry what a user typed (actor, entity id, reason) are encoded by <see cref="LogEncoding"/>, so no value
/// breaks a line of the CSV export or a log reader; before and after are JSON, which escapes control characters.
/// </summary>
internal sealed class AuditLog(WorkflowHostAccessor accessor, IHttpContextAccessor http) : IAuditLog
{
    /// <summary>Web defaults; the default encoder escapes &lt; &gt; &amp; so stored JSON never carries live markup.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(string entityKind, string entityId, string action, object? before, object? after, string? reason = null,
        string? actor = null, CancellationToken ct = default)
    {
        await using var context = accessor.Host.Database.CreateContext();
        Add(context, entityKind, entityId, action, before, after, reason, actor);
        await context.SaveChangesAsync(ct);
    }

    public void Add(AutomationDbContext context, string entityKind, string entityId, string action, object? before, object? after, string? reason = null,
        string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = http.HttpContext?.User;
        actor ??= user?.Identity?.IsAuthenticated == true ? user.UserName() : "system";
        context.AuditLog.Add(new AuditEntryRecord
        {
            At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Actor = LogEncoding.Encode(actor, 200),
            EntityKind = entityKind,
            EntityId = LogEncoding.Encode(entityId, 300),
            Action = action,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason is null ? null : LogEncoding.Encode(reason, 4000),
        });
    }
}
