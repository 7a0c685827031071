using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>Re-prices stored ledger entries under the current factors and reports old against new; stores nothing.</summary>
internal sealed record RecomputeLedger(LedgerFilter Filter) : IRequest<LedgerRecomputationReport>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<RecomputeLedger, LedgerRecomputationReport>
    {
        public async ValueTask<LedgerRecomputationReport> Handle(RecomputeLedger request, CancellationToken cancellationToken) =>
            await LedgerRecomputer.RecomputeAsync(accessor.Host, request.Filter, cancellationToken);
    }
}
