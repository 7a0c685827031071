using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>One input of an explained decision, its value in German notation.</summary>
internal sealed record ExplainedInput(string Label, string Expression, string Value);

/// <summary>A matched rule: 1-based index, id, annotation and its outputs in German notation.</summary>
internal sealed record ExplainedRule(int Index, string? Id, string? Annotation, IReadOnlyDictionary<string, string> Outputs);

/// <summary>One decision of an evaluation (required decisions first, the called one last).</summary>
internal sealed record ExplainedDecision(string DecisionId, string DecisionName, string? HitPolicy, IReadOnlyList<ExplainedInput> Inputs,
    IReadOnlyList<ExplainedRule> Rules, string Value)
{
    /// <summary>The decisions of an evaluation from its stored inputs and matched-rules columns (<see cref="DecisionRows.Columns"/>).</summary>
    public static IReadOnlyList<ExplainedDecision> Of(string inputsJson, string rulesJson)
    {
        var inputs = DecisionRows.ReadInputs(inputsJson).ToDictionary(i => i.DecisionId, StringComparer.Ordinal);
        return [.. DecisionRows.ReadRules(rulesJson).Select(d => new ExplainedDecision(d.DecisionId, d.DecisionName, d.HitPolicy,
            inputs.TryGetValue(d.DecisionId, out var given) ? [.. given.Inputs.Select(i => new ExplainedInput(i.Label, i.Expression, ValueText.Of(i.Value)))] : [],
            [.. d.Rules.Select(rule => new ExplainedRule(rule.Index, rule.Id, rule.Annotation,
                rule.Outputs.ToDictionary(o => o.Key, o => ValueText.Of(o.Value), StringComparer.Ordinal)))],
            ValueText.Of(d.Value)))];
    }
}

/// <summary>"Warum?" of one business rule step (§39 VwVfG): which decision version decided, from which inputs, by which rules.</summary>
internal sealed record DecisionExplanationDto(int StepSequence, string NodeId, string? NodeName, string DecisionKey, int DecisionVersion,
    string DecisionName, DateTimeOffset EvaluatedAt, IReadOnlyList<ExplainedDecision> Decisions, string Result);

/// <summary>The explained decisions of a case, for those who may read the case (else 404, as the case itself).</summary>
internal sealed record GetCaseDecisions(ClaimsPrincipal User, Guid Id) : IRequest<IReadOnlyList<DecisionExplanationDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<GetCaseDecisions, IReadOnlyList<DecisionExplanationDto>>
    {
        public async ValueTask<IReadOnlyList<DecisionExplanationDto>> Handle(GetCaseDecisions request, CancellationToken cancellationToken)
        {
            var host = accessor.Host;
            var snapshot = await host.GetCaseAsync(request.Id, cancellationToken);
            // The case's read rule is the explanation's: outside the scope it is answered like a missing case.
            if (snapshot is null || !await scope.ReadsAsync(request.User, snapshot.DefinitionId, cancellationToken))
            {
                throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, request.Id));
            }
            var id = request.Id.ToString();
            await using var context = host.Database.CreateContext();
            var rows = await context.DecisionEvaluations.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.StepSequence).ToListAsync(cancellationToken);
            return [.. rows.Select(r => new DecisionExplanationDto(r.StepSequence, r.NodeId, r.NodeName, r.DecisionKey, r.DecisionVersion, r.DecisionName,
                DateTimeOffset.FromUnixTimeMilliseconds(r.EvaluatedAt), ExplainedDecision.Of(r.Inputs, r.MatchedRules), ValueText.OfJson(r.Outputs)))];
        }
    }
}

/// <summary>Stored decision values (JSON) as people read them: numbers de-DE, ja/nein, lists and records spelled out.</summary>
internal static class ValueText
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The German notation of a stored JSON value.</summary>
    public static string OfJson(string json) => Of(JsonSerializer.Deserialize<JsonElement>(json));

    /// <summary>The German notation of a value read back from JSON.</summary>
    public static string Of(object? value) => value switch
    {
        null => "–",
        JsonElement e => Of(e),
        _ => Convert.ToString(value, German) ?? "–",
    };

    private static string Of(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDecimal().ToString("#,##0.##########", German),
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nein",
        JsonValueKind.Array => "[" + string.Join("; ", e.EnumerateArray().Select(Of)) + "]",
        JsonValueKind.Object => "{" + string.Join("; ", e.EnumerateObject().Select(p => $"{p.Name}: {Of(p.Value)}")) + "}",
        _ => "–",
    };
}
