using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Simulation;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Simulation;

/// <summary>Stored forecasts, newest first.</summary>
internal sealed record ListForecasts : IRequest<IReadOnlyList<SimulationForecast>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListForecasts, IReadOnlyList<SimulationForecast>>
    {
        public async ValueTask<IReadOnlyList<SimulationForecast>> Handle(ListForecasts request, CancellationToken cancellationToken)
        {
            await using var db = accessor.Host.Database.CreateContext();
            return await ForecastRows.ListAsync(db, accessor.Host.Definitions, cancellationToken);
        }
    }
}
