using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A simulation scenario taken over as a labour-impact forecast. Written once in one insert (nothing half-written),
/// deleted as a whole; never updated. The scenario file, seed and cases make it reproducible.
/// </summary>
public sealed class SimulationForecastRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>Process simulated.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Definition version simulated (row id of <see cref="DefinitionRecord"/>).</summary>
    public long DefinitionId { get; set; }

    /// <summary>Version number of that definition.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Name of the scenario taken over.</summary>
    public string Scenario { get; set; } = "";

    /// <summary>Name of the study (scenario file).</summary>
    public string StudyName { get; set; } = "";

    /// <summary>The scenario file as run (JSON).</summary>
    public string ScenarioJson { get; set; } = "";

    /// <summary>Seed.</summary>
    public long Seed { get; set; }

    /// <summary>Cases per replication.</summary>
    public int Cases { get; set; }

    /// <summary>Replications per variant.</summary>
    public int Replications { get; set; }

    /// <summary>Whether measured durations and branch frequencies were used.</summary>
    public bool UsedHistory { get; set; }

    /// <summary>Cases per year of the scenario (arrival rate × working days).</summary>
    public double CasesPerYear { get; set; }

    /// <summary>The changed steps with minutes saved, occupation and roles (JSON array).</summary>
    public string StepsJson { get; set; } = "";

    /// <summary>When it was stored, Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Who stored it.</summary>
    public string CreatedBy { get; set; } = "";
}

/// <summary>Mapping of <see cref="SimulationForecastRecord"/>.</summary>
internal sealed class SimulationForecastConfiguration : IEntityTypeConfiguration<SimulationForecastRecord>
{
    public void Configure(EntityTypeBuilder<SimulationForecastRecord> e)
    {
        e.ToTable("simulation_forecasts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.DefinitionId).HasColumnName("definition_id");
        e.Property(x => x.DefinitionVersion).HasColumnName("definition_version");
        e.Property(x => x.Scenario).HasColumnName("scenario").HasMaxLength(300);
        e.Property(x => x.StudyName).HasColumnName("study_name").HasMaxLength(300);
        e.Property(x => x.ScenarioJson).HasColumnName("scenario_json");
        e.Property(x => x.Seed).HasColumnName("seed");
        e.Property(x => x.Cases).HasColumnName("cases");
        e.Property(x => x.Replications).HasColumnName("replications");
        e.Property(x => x.UsedHistory).HasColumnName("used_history");
        e.Property(x => x.CasesPerYear).HasColumnName("cases_per_year");
        e.Property(x => x.StepsJson).HasColumnName("steps_json");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.HasIndex(x => x.ProcessId).HasDatabaseName("ix_simulation_forecasts_process");
    }
}
