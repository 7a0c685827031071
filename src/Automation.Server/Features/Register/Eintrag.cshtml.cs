using System.Globalization;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Register;

/// <summary>Form for the register entry of one step of one version.</summary>
[Authorize(Policy = Policies.RegisterWrite)]
public sealed class EintragModel(IMediator mediator) : PageModel
{
    internal RegisterVersion? Version { get; private set; }

    internal RegisterStep? Step { get; private set; }

    /// <summary>Values shown in the form (stored, or as entered before a refused save).</summary>
    internal RegisterEntryBody Values { get; private set; } = new();

    /// <summary>The months of log retention as typed, shown again after a refused save.</summary>
    internal string? RawMonths { get; private set; }

    /// <summary>The refused field and why.</summary>
    public (string Field, string Message)? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(long definitionId, string nodeId)
    {
        if (!await LoadAsync(definitionId, nodeId)) return NotFound();
        Values = Step!.Entry;
        return Page();
    }

    /// <summary>Saves the entry; a refused value is shown at its field.</summary>
    public async Task<IActionResult> OnPostAsync(long definitionId, string nodeId)
    {
        string? F(string name) => Request.Form[name].ToString() is { Length: > 0 } v ? v : null;
        Values = new RegisterEntryBody
        {
            Purpose = F("purpose"), LegalBasis = F("legalBasis"), AutomationLevel = F("automationLevel"),
            FullAutomationPermitted = Request.Form["fullAutomationPermitted"].ToString() == "true",
            HumanOversight = F("humanOversight"), AffectedGroups = F("affectedGroups"), DataUsed = F("dataUsed"), SystemName = F("systemName"),
            Provider = F("provider"), RiskClass = F("riskClass"), FriaProcesses = F("friaProcesses"), FriaPeriodFrequency = F("friaPeriodFrequency"),
            FriaAffectedCategories = F("friaAffectedCategories"), FriaSpecificRisks = F("friaSpecificRisks"), FriaOversight = F("friaOversight"),
            FriaMeasures = F("friaMeasures"), FriaComplaintChannel = F("friaComplaintChannel"), FriaDate = F("friaDate"), FriaVersion = F("friaVersion"),
            FriaReviewDate = F("friaReviewDate"), AuthorityNotifiedOn = F("authorityNotifiedOn"), DpiaLink = F("dpiaLink"), AnnexIiiPoint = F("annexIiiPoint"),
            ProviderEuDbNumber = F("providerEuDbNumber"), DeployerName = F("deployerName"), DeployerAddress = F("deployerAddress"),
            AffectedInformation = F("affectedInformation"), FullAutomationBasis = F("fullAutomationBasis"),
            NoDiscretionConfirmed = Request.Form["noDiscretionConfirmed"].ToString() == "true", PermittingNorm = F("permittingNorm"), HumanRoute = F("humanRoute"),
            ResponsibleUnit = F("responsibleUnit"), Contact = F("contact"),
        };
        RawMonths = F("logRetentionMonths");
        try
        {
            if (RawMonths is not null)
            {
                // A number field can still send anything; refused at the field rather than dropped.
                Values = Values with
                {
                    LogRetentionMonths = int.TryParse(RawMonths, NumberStyles.None, CultureInfo.InvariantCulture, out var months) ? months
                        : throw new BadInputException("logRetentionMonths", Texte.Format(Texte.Get("RegisterZahlUngueltig"), RegisterRules.Label("logRetentionMonths"), RawMonths)),
                };
            }
            await mediator.Send(new SaveRegisterEntry(definitionId, nodeId, Values), HttpContext.RequestAborted);
            return Redirect($"/register/{definitionId}");
        }
        catch (BadInputException e)
        {
            Error = (e.Field, e.Message);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(definitionId, nodeId)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(long definitionId, string nodeId)
    {
        try
        {
            Version = await mediator.Send(new GetRegisterVersion(definitionId), HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is NotFoundException or KeyNotFoundException)
        {
            return false;
        }
        Step = Version.Steps.FirstOrDefault(s => s.NodeId == nodeId);
        return Step is not null;
    }
}
