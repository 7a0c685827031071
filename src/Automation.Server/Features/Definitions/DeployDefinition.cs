using System.Text;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
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
            var deployment = await register.DeployAsync(request.Source, request.FileName, request.Publish, missing =>
            {
                if (string.IsNullOrWhiteSpace(request.OverrideReason)) throw new RegisterIncompleteException(missing);
                if (!register.MayOverride) throw new ForbiddenException("Nur die Administration darf trotz fehlender Registereinträge veröffentlichen.");
                return request.OverrideReason;
            }, null, cancellationToken);
            var result = deployment.Result;
            if (!result.Succeeded) throw new DefinitionInvalidException(result.Diagnostics);
            var ids = result.Versions.Select(v => v.Id).ToList();
            await using var context = host.Database.CreateContext();
            var rows = await context.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.ProcessId).ToListAsync(cancellationToken);
            return new DeployResponse(rows.Select(DefinitionVersions.ToDto).ToList(), result.Diagnostics.Select(DiagnosticDto.From).ToList());
        }
    }
}
