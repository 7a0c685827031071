using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Ledger;

/// <summary>One case's ledger.</summary>
internal sealed record GetCaseLedger(Guid CaseId) : IRequest<CaseLedgerDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetCaseLedger, CaseLedgerDto>
    {
        public async ValueTask<CaseLedgerDto> Handle(GetCaseLedger request, CancellationToken cancellationToken)
        {
            var host = accessor.Host;
            if (await host.GetCaseAsync(request.CaseId, cancellationToken) is null) throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, request.CaseId));
            var lines = await LedgerQueries.CaseEntriesAsync(host.Database, request.CaseId, cancellationToken);
            var totals = await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(CaseId: request.CaseId), cancellationToken);
            return new CaseLedgerDto(request.CaseId, lines, totals.Count == 0 ? null : LedgerRowDto.From(totals[0]));
        }
    }
}
