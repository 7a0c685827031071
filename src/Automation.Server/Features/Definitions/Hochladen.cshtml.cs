using System.Globalization;
using System.Xml;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Definitions;

/// <summary>
/// Upload of a BPMN or Elsa JSON file in two steps: the validation report, then save as draft or publish. The second
/// step takes the text kept on the server and validates it again, so a forged form cannot publish what the report refused.
/// </summary>
[Authorize(Policy = Policies.DefinitionsWrite)]
[UploadFormLimits]
public sealed class HochladenModel(IMediator mediator, PendingUploads pending, IOptions<ServerOptions> options) : PageModel
{
    /// <summary>Key of the status message shown on /prozesse after the redirect.</summary>
    public const string StatusKey = "UploadStatus";

    internal UploadReport? Report { get; private set; }

    /// <summary>Token of the kept upload the decision form refers to.</summary>
    public string? Token { get; private set; }

    /// <summary>Why the last step was refused, in German.</summary>
    public string? Problem { get; private set; }

    /// <summary>What the last step did, in German.</summary>
    public string? Status { get; private set; }

    /// <summary>The upload limit as people read it.</summary>
    public string Limit => FormatBytes(options.Value.MaxUploadBytes);

    /// <summary>Where a form too large to read is sent back to.</summary>
    public const string TooLargePath = "/prozesse/hochladen?fehler=zu-gross";

    /// <summary>Shows the upload form; after a refused oversized form with the limit named.</summary>
    public void OnGet(string? fehler)
    {
        if (fehler == "zu-gross") Problem = TooLarge(null);
    }

    /// <summary>Step 1: reads the file and shows the report.</summary>
    public async Task<IActionResult> OnPostPruefenAsync(IFormFile? datei)
    {
        var limit = options.Value.MaxUploadBytes;
        if (datei is null || datei.Length == 0) return Refuse(StatusCodes.Status400BadRequest, Texte.ServerBitteDateiWaehlenBpmnXml);
        if (datei.Length > limit)
            return Refuse(StatusCodes.Status413PayloadTooLarge, TooLarge(datei));
        string text;
        using (var reader = new StreamReader(datei.OpenReadStream()))
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return Refuse(StatusCodes.Status400BadRequest, Texte.ServerDateiLeer);
        var fileName = Path.GetFileName(datei.FileName);
        if (string.IsNullOrWhiteSpace(fileName)) fileName = text.TrimStart().StartsWith('<') ? "upload.bpmn" : "upload.json";
        Report = await BuildAsync(text, fileName);
        Token = pending.Keep(User.UserName(), text, fileName).Token;
        return Page();
    }

    /// <summary>
    /// Step 1b: writes who does each unclear step into the kept model (as <c>am:</c> annotations) and checks it again. The
    /// steps are found again in the kept text, so a forged form can only choose among the three kinds for real unclear steps.
    /// </summary>
    public async Task<IActionResult> OnPostKlaerenAsync(string? token, List<StepChoice>? schritte)
    {
        var user = User.UserName();
        var upload = pending.Find(user, token);
        if (upload is null) return Refuse(StatusCodes.Status409Conflict, Gone());
        Report = await BuildAsync(upload.Source, upload.FileName);
        Token = upload.Token;
        var (decisions, problem) = StepDecisions.From(Report.Unclear, schritte);
        if (problem is not null) return Refuse(StatusCodes.Status422UnprocessableEntity, problem);
        string annotated;
        try
        {
            annotated = BpmnAnnotationWriter.Apply(upload.Source, decisions);
        }
        catch (XmlException)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, Texte.ServerDateiWohlgeformtesXmlAngabenLassen);
        }
        var kept = pending.Keep(user, annotated, upload.FileName);
        Report = await BuildAsync(kept.Source, kept.FileName);
        Token = kept.Token;
        var human = decisions.Count(d => d.Actor == Automation.Engine.Model.ActorKind.Human);
        Status = Texte.Format(Texte.ServerSchritteGeklaert, decisions.Count, human, decisions.Count - human);
        return Page();
    }

    /// <summary>Step 2: stores the kept upload as a draft or publishes it, after validating it again.</summary>
    public async Task<IActionResult> OnPostSpeichernAsync(string? token, string? aktion)
    {
        var ct = HttpContext.RequestAborted;
        var user = User.UserName();
        var upload = pending.Find(user, token);
        if (upload is null) return Refuse(StatusCodes.Status409Conflict, Gone());
        var publish = aktion == "veroeffentlichen";
        Report = await BuildAsync(upload.Source, upload.FileName);
        Token = upload.Token;
        if (Report.Errors > 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, Texte.Format(Texte.ServerNichtMoeglichFehler, publish ? Texte.ServerVeroeffentlichen : Texte.ServerSpeichern, Report.Errors));
        }
        if (Report.Decisions)
        {
            if (!publish) return Refuse(StatusCodes.Status422UnprocessableEntity, Texte.EntscheidungNurVeroeffentlicht);
            try
            {
                var published = await mediator.Send(new Decisions.PublishDecisions(User, upload.Source, upload.FileName), ct);
                TempData[StatusKey] = Texte.Format(Texte.EntscheidungHochgeladen, string.Join(", ", published.Decisions.Select(d =>
                    Texte.Format(Texte.HochladenEntscheidungVersion, d.Name, d.Key, d.Version))));
            }
            catch (DefinitionInvalidException)
            {
                return Refuse(StatusCodes.Status422UnprocessableEntity, Texte.ServerDefinitionUngueltigSieheBericht);
            }
            pending.Forget(user, upload);
            return Redirect("/entscheidungen");
        }
        string status;
        try
        {
            var result = await mediator.Send(new DeployDefinition(upload.Source, upload.FileName, publish), ct);
            status = string.Join(" ", result.Versions.Select(v =>
                Texte.Format(publish ? Texte.ServerVersionVeroeffentlicht : Texte.ServerVersionAlsEntwurf, v.Name ?? v.ProcessId, v.ProcessId, v.Version)));
        }
        catch (RegisterIncompleteException e)
        {
            // The versions are stored unpublished; the user fills the register and publishes from there.
            status = Texte.Format(Texte.ServerEntwurfRegisterFehlt,
                string.Join("; ", e.Missing.Select(m => $"„{m.StepName}“ ({m.ElementId}): {string.Join(", ", m.Fields.Select(RegisterRules.Label))}")));
        }
        catch (Exception e) when (e is DefinitionInvalidException or BadInputException or ForbiddenException)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, e is DefinitionInvalidException ? Texte.ServerDefinitionUngueltigSieheBericht : e.Message);
        }
        pending.Forget(user, upload);
        TempData[StatusKey] = status;
        var processId = Report.Processes.Count > 0 ? Report.Processes[0] : null;
        return Redirect(processId is null ? "/prozesse" : $"/prozesse#p-{Uri.EscapeDataString(processId)}");
    }

    private async Task<UploadReport> BuildAsync(string source, string fileName) =>
        await mediator.Send(new BuildUploadReport(source, fileName), HttpContext.RequestAborted);

    private static string Gone() =>
        Texte.Format(Texte.ServerHochgeladeneDateiLiegtMehrVor, PendingUploads.Lifetime.TotalMinutes);

    private string TooLarge(IFormFile? file) => file is null
        ? Texte.Format(Texte.ServerDateiWarGrossErlaubtHoechstens, Limit)
        : Texte.Format(Texte.ServerDateiGrossErlaubtHoechstens, Path.GetFileName(file.FileName), FormatBytes(file.Length), Limit);

    private PageResult Refuse(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Bytes in kB or MB, de-DE.</summary>
    internal static string FormatBytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.GetCultureInfo("de-DE")) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.GetCultureInfo("de-DE")) + " kB";
}
