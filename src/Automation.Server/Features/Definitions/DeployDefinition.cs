using System.Text;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Definitions;

/// <summary>Stores (and with <paramref name="Publish"/> publishes) a file; an administrator's <paramref name="OverrideReason"/> publishes over missing register entries.</summary>
internal sealed record DeployDefinition(string Source, string FileName, bool Publish, string? OverrideReason = null) : IRequest<DeployResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, RegisterService register) : IRequestHandler<DeployDefinition, DeployResponse>
    {
        public async ValueTask<DeployResponse> Handle(DeployDefinition request, CancellationToken cancellationToken)
        {
            var host = accessor.Host;
            var deployment = await register.DeployAsync(request.Source, request.FileName, request.Publish, _ =>
            {
                if (string.IsNullOrWhiteSpace(request.OverrideReason)) return null;
                if (!register.MayOverride) throw new ForbiddenException(Texte.ServerAdministrationDarfTrotzFehlenderRegistereintraege);
                return request.OverrideReason;
            }, null, cancellationToken);
            var result = deployment.Result;
            if (!result.Succeeded || (request.Publish && !deployment.Published))
            {
                // Worded by the same conversion as the check ("Prüfen"), so both lists can be compared one to one.
                var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(request.Source)), request.FileName);
                var findings = PublishFindings.From(set, result.Diagnostics, deployment.Missing);
                if (!result.Succeeded) throw new DefinitionInvalidException(findings);
                throw new RegisterIncompleteException(deployment.Missing, findings);
            }
            var ids = result.Versions.Select(v => v.Id).ToList();
            await using var context = host.Database.CreateContext();
            var rows = await context.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.ProcessId).ToListAsync(cancellationToken);
            return new DeployResponse(rows.Select(DefinitionVersions.ToDto).ToList(), PublishFindings.From(result.Versions.Count > 0 ? result.Versions[0].Set : null, result.Diagnostics, []));
        }
    }
}
