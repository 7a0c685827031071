using Automation.Data;
using Automation.Engine.Simulation;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Definitions;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Simulation;

/// <summary>
/// Builds a scenario on a chosen definition version and shows the simulated result with charts. The scenario is
/// the documented JSON file format, pre-filled from the definition (roles, gateways, an example change).
/// </summary>
[Authorize(Policy = Policies.Simulation)]
public sealed class SimulationModel(IMediator mediator) : PageModel
{
    /// <summary>Chosen definition version (row id).</summary>
    [BindProperty(Name = "version", SupportsGet = true)]
    public long? Version { get; set; }

    /// <summary>Scenario file text.</summary>
    [BindProperty]
    public string? Scenario { get; set; }

    /// <summary>Cases per replication.</summary>
    [BindProperty]
    public int Cases { get; set; } = 1_000;

    /// <summary>Seed.</summary>
    [BindProperty]
    public long Seed { get; set; } = 1;

    /// <summary>Whether history of the version is used.</summary>
    [BindProperty]
    public bool UseHistory { get; set; } = true;

    internal IReadOnlyList<VersionDto> Versions { get; private set; } = [];

    internal SimulationReport? Report { get; private set; }

    internal IReadOnlyList<string> Errors { get; private set; } = [];

    internal (string LeadTime, string Staff, string Carbon)? Charts { get; private set; }

    /// <summary>Stored forecasts, newest first.</summary>
    internal IReadOnlyList<SimulationForecast> Forecasts { get; private set; } = [];

    /// <summary>Message after storing or deleting a forecast.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the form, pre-filled for the chosen version.</summary>
    public async Task OnGetAsync()
    {
        await LoadVersionsAsync();
        await LoadForecastsAsync();
        if (Version is { } id && Versions.Any(v => v.Id == id)) Scenario = await mediator.Send(new SimulationTemplate(id), HttpContext.RequestAborted);
    }

    /// <summary>Runs the scenario.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadVersionsAsync();
        await LoadForecastsAsync();
        if (Version is not { } id || Versions.All(v => v.Id != id))
        {
            Errors = ["Bitte eine Definitionsversion wählen."];
            return Page();
        }
        try
        {
            var scenario = string.IsNullOrWhiteSpace(Scenario) ? new ScenarioFile() : ScenarioFile.Parse(Scenario);
            Report = await mediator.Send(new RunSimulation(id, scenario, Cases, Seed, UseHistory), HttpContext.RequestAborted);
            Charts = (SimulationCharts.LeadTime(Report), SimulationCharts.StaffHours(Report), SimulationCharts.Carbon(Report));
        }
        catch (SimulationValidationException e)
        {
            Errors = [.. e.Errors.Select(x => x.ToString())];
        }
        catch (BadInputException e)
        {
            Errors = [$"{e.Field}: {e.Message}"];
        }
        catch (SimulationBudgetExceededException e)
        {
            Errors = [e.Message];
        }
        return Page();
    }

    /// <summary>
    /// Takes one scenario over as a labour-impact forecast: runs the same file with the same cases and seed again
    /// (so the stored figures are those shown) and stores the changed steps.
    /// </summary>
    public async Task<IActionResult> OnPostForecastAsync(string? scenarioName)
    {
        await LoadVersionsAsync();
        if (Version is not { } id || Versions.All(v => v.Id != id))
        {
            Errors = ["Bitte eine Definitionsversion wählen."];
        }
        else
        {
            try
            {
                var scenario = string.IsNullOrWhiteSpace(Scenario) ? new ScenarioFile() : ScenarioFile.Parse(Scenario);
                var forecast = await mediator.Send(new StoreForecast(new RunSimulation(id, scenario, Cases, Seed, UseHistory), scenarioName, User.UserName()),
                    HttpContext.RequestAborted);
                Notice = $"Szenario „{forecast.Scenario}“ ist als Prognose (Simulation) gespeichert (Nr. {forecast.Id}). Sie erscheint in der Meldung an die Agentur für Arbeit in einem eigenen Abschnitt.";
            }
            catch (SimulationValidationException e)
            {
                Errors = [.. e.Errors.Select(x => x.ToString())];
            }
            catch (BadInputException e)
            {
                Errors = [$"{e.Field}: {e.Message}"];
            }
            catch (SimulationBudgetExceededException e)
            {
                Errors = [e.Message];
            }
        }
        await LoadForecastsAsync();
        return Page();
    }

    /// <summary>Deletes a stored forecast.</summary>
    public async Task<IActionResult> OnPostDeleteForecastAsync(long forecastId)
    {
        await LoadVersionsAsync();
        try
        {
            var deleted = await mediator.Send(new DeleteForecast(forecastId), HttpContext.RequestAborted);
            Notice = $"Prognose Nr. {deleted.Id} („{deleted.Scenario}“) ist gelöscht.";
        }
        catch (NotFoundException e)
        {
            Errors = [e.Message];
        }
        await LoadForecastsAsync();
        return Page();
    }

    private async Task LoadForecastsAsync() => Forecasts = await mediator.Send(new ListForecasts(), HttpContext.RequestAborted);

    private async Task LoadVersionsAsync()
    {
        var processes = await mediator.Send(new ListDefinitions(), HttpContext.RequestAborted);
        Versions = [.. processes.SelectMany(p => p.Versions).OrderBy(v => v.ProcessId, StringComparer.Ordinal).ThenByDescending(v => v.Version)];
    }
}
