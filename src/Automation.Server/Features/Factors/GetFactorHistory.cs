using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>Every version of one key, oldest first.</summary>
internal sealed record GetFactorHistory(string Key) : IRequest<IReadOnlyList<FactorVersionDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetFactorHistory, IReadOnlyList<FactorVersionDto>>
    {
        public async ValueTask<IReadOnlyList<FactorVersionDto>> Handle(GetFactorHistory request, CancellationToken cancellationToken)
        {
            var versions = (await accessor.Host.Factors.ListAsync(cancellationToken)).Where(s => s.Version.Key == request.Key).Select(FactorVersionDto.From).ToList();
            return versions.Count > 0 ? versions : throw new NotFoundException(Texte.Format(Texte.ServerFaktorUnbekannt, request.Key));
        }
    }
}
