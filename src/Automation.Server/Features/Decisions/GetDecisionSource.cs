using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>The DMN XML a decision version was published with, and its file name.</summary>
internal sealed record GetDecisionSource(string Key, int Version) : IRequest<(string Xml, string FileName)>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetDecisionSource, (string Xml, string FileName)>
    {
        public async ValueTask<(string Xml, string FileName)> Handle(GetDecisionSource request, CancellationToken cancellationToken)
        {
            var row = await accessor.Host.Decisions.GetAsync(request.Key, request.Version, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.EntscheidungVersionFehlt, request.Key, request.Version));
            return (row.Xml, $"{row.DecisionKey}-v{row.Version}.dmn");
        }
    }
}
