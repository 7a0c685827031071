using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Simulation scenarios stored as labour-impact forecasts.</summary>
    public DbSet<SimulationForecastRecord> SimulationForecasts => Set<SimulationForecastRecord>();
}
