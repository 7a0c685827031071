using Automation.Data;
using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Definitions;
using Automation.Server.Features.Jobs;
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
public sealed class SimulationModel(IMediator mediator, BackgroundJobs jobs, IServiceScopeFactory scopes) : PageModel
{
    /// <summary>The simulation job to show (id from the redirect after starting it).</summary>
    [BindProperty(Name = "auftrag", SupportsGet = true)]
    public Guid? JobId { get; set; }

    /// <summary>The job shown, running or ended.</summary>
    internal BackgroundJob? Job { get; private set; }

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

    /// <summary>The process as readers know it: the name of its newest listed version, else its id.</summary>
    internal string ProcessLabel(string processId) =>
        Versions.Where(v => v.ProcessId == processId).OrderByDescending(v => v.Version).Select(v => v.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? processId;

    internal SimulationReport? Report { get; private set; }

    internal IReadOnlyList<string> Errors { get; private set; } = [];

    internal (string LeadTime, string Staff, string Carbon)? Charts { get; private set; }

    /// <summary>Stored forecasts, newest first.</summary>
    internal IReadOnlyList<SimulationForecast> Forecasts { get; private set; } = [];

    /// <summary>Message after storing or deleting a forecast.</summary>
    public string? Notice { get; private set; }

    /// <summary>Shows the form, pre-filled for the chosen version, or a simulation job with its progress or result.</summary>
    public async Task OnGetAsync()
    {
        await LoadVersionsAsync();
        await LoadForecastsAsync();
        if (JobId is { } jobId)
        {
            ShowJob(jobId);
            return;
        }
        if (Version is { } id && Versions.Any(v => v.Id == id)) Scenario = await mediator.Send(new SimulationTemplate(id), HttpContext.RequestAborted);
    }

    /// <summary>Starts the scenario as a background job and shows its progress (redirect after POST).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadVersionsAsync();
        if (Version is not { } id || Versions.All(v => v.Id != id))
        {
            await LoadForecastsAsync();
            Errors = [Texte.ServerBitteDefinitionsversionWaehlen];
            return Page();
        }
        try
        {
            var job = SimulationJob.Start(jobs, scopes, User.UserName(), new SimulationInput(id, Scenario, Cases, Seed, UseHistory));
            return RedirectToPage(new { version = id, auftrag = job.Id });
        }
        catch (BadInputException e)
        {
            await LoadForecastsAsync();
            Errors = [e.Message];
            return Page();
        }
    }

    /// <summary>Cancels the user's running simulation job.</summary>
    public IActionResult OnPostCancel()
    {
        if (JobId is { } jobId) jobs.Cancel(jobId, User.UserName());
        return RedirectToPage(new { version = Version, auftrag = JobId });
    }

    private void ShowJob(Guid jobId)
    {
        Job = jobs.Find(jobId, User.UserName());
        if (Job is not { Kind: SimulationJob.Kind, Input: SimulationInput input })
        {
            Job = null;
            Errors = [Texte.Format(Texte.ServerSimulationsauftragUnbekanntAbgelaufenBeendeteAuftraege, BackgroundJobs.Kept.TotalMinutes)];
            return;
        }
        (Version, Scenario, Cases, Seed, UseHistory) = (input.Version, input.Scenario, input.Cases, input.Seed, input.UseHistory);
        if (Job.Error is { } error) Errors = [error];
        if (Job.Result is not SimulationOutcome outcome) return;
        Errors = outcome.Errors;
        if (outcome.Report is not { } report) return;
        Report = report;
        Charts = (SimulationCharts.LeadTime(report), SimulationCharts.StaffHours(report), SimulationCharts.Carbon(report));
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
            Errors = [Texte.ServerBitteDefinitionsversionWaehlen];
        }
        else
        {
            try
            {
                var scenario = string.IsNullOrWhiteSpace(Scenario) ? new ScenarioFile() : ScenarioFile.Parse(Scenario);
                var forecast = await mediator.Send(new StoreForecast(new RunSimulation(id, scenario, Cases, Seed, UseHistory), scenarioName, User.UserName()),
                    HttpContext.RequestAborted);
                Notice = Texte.Format(Texte.ServerSzenarioAlsPrognoseSimulationGespeichert, forecast.Scenario, forecast.Id);
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
            Notice = Texte.Format(Texte.ServerPrognoseNrGeloescht, deleted.Id, deleted.Scenario);
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
