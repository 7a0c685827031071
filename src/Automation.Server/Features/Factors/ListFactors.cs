using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>Lists factor keys with the version valid on a day (default today, UTC).</summary>
internal sealed record ListFactors(DateOnly? At) : IRequest<IReadOnlyList<FactorSummaryDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListFactors, IReadOnlyList<FactorSummaryDto>>
    {
        public async ValueTask<IReadOnlyList<FactorSummaryDto>> Handle(ListFactors request, CancellationToken cancellationToken)
        {
            var day = request.At ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var stored = await accessor.Host.Factors.ListAsync(cancellationToken);
            return stored.GroupBy(s => s.Version.Key, StringComparer.Ordinal).Select(g =>
            {
                var valid = g.FirstOrDefault(s => s.Version.IsValidOn(day));
                var latest = g.Last().Version;
                return new FactorSummaryDto(g.Key, latest.Label, latest.Unit, valid is null ? null : FactorVersionDto.From(valid), g.Count());
            }).ToList();
        }
    }
}
