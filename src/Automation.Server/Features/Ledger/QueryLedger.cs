using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Ledger;

/// <summary>Aggregates the ledger.</summary>
internal sealed record QueryLedger(LedgerGrouping Grouping, LedgerFilter Filter) : IRequest<LedgerQueryResult>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<QueryLedger, LedgerQueryResult>
    {
        public async ValueTask<LedgerQueryResult> Handle(QueryLedger request, CancellationToken cancellationToken)
        {
            var rows = await LedgerQueries.AggregateAsync(accessor.Host.Database, request.Grouping, request.Filter, cancellationToken);
            return new LedgerQueryResult(request.Grouping.ToString().ToLowerInvariant(), request.Filter, PrivacyGate.MinCases, PrivacyGate.MinPeople,
                rows.Select(LedgerRowDto.From).ToList());
        }
    }
}
