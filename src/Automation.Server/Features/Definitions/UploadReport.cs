using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Definitions;

/// <summary>A step that will need a register entry before publishing (done by software, or assisted by it).</summary>
internal sealed record UploadRegisterStep(string ProcessId, string ElementId, string? Label, string Actor);

/// <summary>
/// The validation report of an upload: the findings publishing would report (<see cref="PublishCheck"/>, as the API's
/// /validate and the modeler's "Prüfen"), the steps with a register duty, and the steps whose kind is unclear.
/// </summary>
/// <param name="FileName">The file's name.</param>
/// <param name="Processes">The processes read (for a DMN file: its decision ids).</param>
/// <param name="Findings">What publishing would find.</param>
/// <param name="RegisterSteps">Steps with a register duty.</param>
/// <param name="Unclear">Steps whose kind is unclear.</param>
/// <param name="Decisions">A DMN file: it has no drafts, register steps or unclear steps.</param>
internal sealed record UploadReport(string FileName, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticDto> Findings,
    IReadOnlyList<UploadRegisterStep> RegisterSteps, IReadOnlyList<UnclearStep> Unclear, bool Decisions = false)
{
    /// <summary>Errors that block storing (and so publishing); register gaps block publishing only.</summary>
    public int Errors => Findings.Count(f => f.Severity == "error" && f.Code != PublishFindings.RegisterIncomplete);

    /// <summary>Steps whose register entry is missing or incomplete.</summary>
    public int RegisterGaps => Findings.Count(f => f.Code == PublishFindings.RegisterIncomplete);

}

/// <summary>Builds the <see cref="UploadReport"/> of a file: checks it and lists its register steps and unclear steps.</summary>
internal sealed record BuildUploadReport(string Source, string FileName) : IRequest<UploadReport>
{
    internal sealed class Handler(PublishCheck check, WorkflowHostAccessor accessor, TimeProvider clock) : IRequestHandler<BuildUploadReport, UploadReport>
    {
        public async ValueTask<UploadReport> Handle(BuildUploadReport request, CancellationToken cancellationToken)
        {
            if (Decisions.DecisionFiles.IsDmn(request.FileName, request.Source))
            {
                var model = Automation.Data.DecisionCatalog.Read(request.Source, request.FileName);
                return new UploadReport(request.FileName, [.. model.Decisions.Select(d => d.Id)], Decisions.DecisionFiles.Findings(model), [], [], Decisions: true);
            }
            var result = await check.CheckAsync(request.Source, request.FileName, cancellationToken);
            var steps = result.Set.Processes.SelectMany(p => RegisterRules.StepsOf(p)
                .Select(n => new UploadRegisterStep(p.Id, n.Id, n.Name, RegisterRules.ActorLabel(n)))).ToList();
            var unclear = StepClarification.Find(result.Set, accessor.Host.Factors.Current, clock.GetUtcNow());
            return new UploadReport(request.FileName, result.Set.Processes.Select(p => p.Id).ToList(), result.Findings, steps, unclear);
        }
    }
}
