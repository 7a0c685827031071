using System.Security.Claims;
using Automation.Data;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>
/// Publishes the decisions of a DMN file (each decision id a new version of its key, unless unchanged). A file with
/// errors stores nothing and answers 422 with the reader's findings and their lines.
/// </summary>
internal sealed record PublishDecisions(ClaimsPrincipal User, string Source, string FileName) : IRequest<DecisionPublishResponse>
{
    /// <summary>The audit log's entity kind of a published decision version (entity id: key and version).</summary>
    public const string AuditKind = "decision";

    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<PublishDecisions, DecisionPublishResponse>
    {
        public async ValueTask<DecisionPublishResponse> Handle(PublishDecisions request, CancellationToken cancellationToken)
        {
            var result = await PublishAsync(accessor.Host, audit, request.Source, request.FileName, request.User.UserName(), cancellationToken);
            var findings = DecisionFiles.Findings(result.Model);
            if (!result.Succeeded) throw new DefinitionInvalidException(findings);
            return new DecisionPublishResponse(result.Versions, findings);
        }
    }

    /// <summary>
    /// The publishing protocol of a DMN file, the one way decisions are published (upload, API and the first-start
    /// seeder): stored as new versions unless unchanged, each new version audited.
    /// </summary>
    public static async Task<DecisionPublishResult> PublishAsync(WorkflowHost host, IAuditLog audit, string source, string fileName,
        string publishedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(audit);
        var result = await host.Decisions.PublishAsync(source, fileName, publishedBy, ct);
        if (!result.Succeeded) return result;
        foreach (var created in result.Versions.Where(v => v.Created))
        {
            await audit.RecordAsync(AuditKind, $"{created.Key}:{created.Version}", "publish", null,
                new { created.Key, created.Version, created.Name, file = fileName }, ct: ct);
        }
        return result;
    }
}
