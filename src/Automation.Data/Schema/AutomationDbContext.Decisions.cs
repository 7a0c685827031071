using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Published DMN decisions, versioned per key.</summary>
    public DbSet<DecisionDefinitionRecord> DecisionDefinitions => Set<DecisionDefinitionRecord>();

    /// <summary>Decisions evaluated by business rule tasks ("Warum?").</summary>
    public DbSet<DecisionEvaluationRecord> DecisionEvaluations => Set<DecisionEvaluationRecord>();
}
