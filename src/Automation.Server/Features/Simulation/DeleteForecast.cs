using System.Globalization;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Simulation;

/// <summary>Deletes a stored forecast.</summary>
/// <param name="Id">Row id.</param>
internal sealed record DeleteForecast(long Id) : IRequest<SimulationForecast>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<DeleteForecast, SimulationForecast>
    {
        public async ValueTask<SimulationForecast> Handle(DeleteForecast request, CancellationToken cancellationToken)
        {
            await using var db = accessor.Host.Database.CreateContext();
            var row = await db.SimulationForecasts.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.ServerPrognoseUnbekannt, request.Id));
            var forecast = ForecastRows.ToForecast(row);
            db.SimulationForecasts.Remove(row);
            audit.Add(db, AuditKinds.SimulationForecast, row.Id.ToString(CultureInfo.InvariantCulture), "delete", forecast, null);
            await db.SaveChangesAsync(cancellationToken);
            return forecast;
        }
    }
}
