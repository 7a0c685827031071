using System.Text.Json;
using Automation.Data;
using Automation.Engine.Decisions;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>The editor's test run: the DMN file as edited, the decision to evaluate (default: the file's), the input values.</summary>
internal sealed record TestRunBody(string? Xml, string? DecisionId, JsonElement? Variables);

/// <summary>
/// The result of a test run as "Warum?" shows an evaluation (the same columns and German notation), plus the FEEL
/// warnings (why a part gave null).
/// </summary>
internal sealed record TestRunResponse(string DecisionId, string DecisionName, IReadOnlyList<ExplainedDecision> Decisions, string Result,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Evaluates a decision of an unpublished DMN file with the engine's evaluator (as the CLI's <c>decide</c> and business rule
/// tasks do) and stores nothing. A file with errors is refused with its findings (422), a UNIQUE/ANY violation is the
/// engine's <see cref="DecisionException"/> (422 with its dmn-… code and the rules).
/// </summary>
internal sealed record TestRunDecision(TestRunBody Body) : IRequest<TestRunResponse>
{
    internal sealed class Handler : IRequestHandler<TestRunDecision, TestRunResponse>
    {
        public ValueTask<TestRunResponse> Handle(TestRunDecision request, CancellationToken cancellationToken)
        {
            var body = request.Body;
            var model = CheckDecision.ReadOrRefuse(body.Xml ?? "", "testlauf.dmn");
            if (model.HasErrors) throw new DefinitionInvalidException(DecisionFiles.Findings(model));
            var variables = body.Variables is { ValueKind: JsonValueKind.Object } given ? Variables.ParseObject(given.GetRawText())
                : body.Variables is null or { ValueKind: JsonValueKind.Null } ? new Dictionary<string, object?>(StringComparer.Ordinal)
                : throw new BadInputException("variables", Texte.EntscheidungVariablenKeinObjekt, "variables-not-object");
            var result = DecisionEvaluator.Evaluate(model, body.DecisionId ?? model.DefaultDecision?.Id ?? "", variables);
            var (inputs, rules, outputs) = DecisionRows.Columns(result);
            return ValueTask.FromResult(new TestRunResponse(result.DecisionId, result.DecisionName, ExplainedDecision.Of(inputs, rules),
                ValueText.OfJson(outputs), result.Warnings));
        }
    }
}
