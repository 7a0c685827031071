using System.Globalization;
using System.Text;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Dashboards;

internal sealed record GetOpenData(string ProcessId) : IRequest<OpenDataTable?>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<GetOpenData, OpenDataTable?>
    {
        public async ValueTask<OpenDataTable?> Handle(GetOpenData request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            if (!await context.PublicProcesses.AnyAsync(p => p.ProcessId == request.ProcessId, cancellationToken)) return null;
            var queries = new ImpactQueries(accessor.Host.Database);
            var name = (await queries.ProcessesAsync(cancellationToken)).FirstOrDefault(p => p.ProcessId == request.ProcessId).Name;
            var today = PeriodInput.Today(time);
            var lastMonthEnd = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
            var rows = new List<OpenDataRow>();
            if (await queries.FirstStartAsync(request.ProcessId, cancellationToken) is { } first)
            {
                var firstDay = DateOnly.FromDateTime(DisplayTime.InBerlin(DateTimeOffset.FromUnixTimeMilliseconds(first)).DateTime);
                var from = new DateOnly(firstDay.Year, firstDay.Month, 1);
                var earliest = new DateOnly(lastMonthEnd.Year, lastMonthEnd.Month, 1).AddYears(-ReportPeriod.MaxYears).AddMonths(1);
                if (from < earliest) from = earliest;
                if (from <= lastMonthEnd)
                {
                    var overview = await queries.OverviewAsync(new ReportPeriod(from, lastMonthEnd), request.ProcessId, cancellationToken);
                    rows.AddRange(overview.Trend.Select(m => OpenDataFormat.Row(request.ProcessId, m)));
                }
            }
            return new OpenDataTable(request.ProcessId, name, OpenDataFormat.Licence, OpenDataFormat.LicenceUrl, OpenDataFormat.ColumnsUrl, time.GetUtcNow(), rows);
        }
    }
}
