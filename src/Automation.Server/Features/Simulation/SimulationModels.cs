using System.Text.Json;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Simulation;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Simulation;

/// <summary>Too large a request: the simulation would tie up the server.</summary>
internal static class SimulationLimits
{
    /// <summary>Most cases per replication one request may simulate.</summary>
    public const int MaxCases = 100_000;

    /// <summary>Most cases in all (cases × replications × variants) one request may simulate.</summary>
    public const long MaxTotalCases = 2_000_000;
}
