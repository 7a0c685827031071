using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// Reads <c>multiInstanceLoopCharacteristics</c> (BPMN, Camunda 7's <c>camunda:collection</c>/<c>elementVariable</c>,
/// Camunda 8's <c>zeebe:loopCharacteristics</c>) and <c>standardLoopCharacteristics</c> of an activity.
/// </summary>
internal static class LoopReader
{
    private static readonly XName MultiInstance = BpmnNames.Model + "multiInstanceLoopCharacteristics";
    private static readonly XName Standard = BpmnNames.Model + "standardLoopCharacteristics";

    /// <summary>Activity kinds that may loop; other elements with loop characteristics are reported unsupported.</summary>
    private static readonly HashSet<string> Loopable = new(StringComparer.Ordinal)
    {
        "task", "userTask", "serviceTask", "scriptTask", "manualTask", "sendTask", "receiveTask", "businessRuleTask",
        "subProcess", "callActivity",
    };

    /// <summary>The loop of an activity, or null when it has none (or one that was reported).</summary>
    public static LoopDefinition? Read(XElement e, string id, BpmnContext context)
    {
        var multi = e.Element(MultiInstance);
        var standard = e.Element(Standard);
        if (multi is null && standard is null) return null;
        if (!Loopable.Contains(e.Name.LocalName))
        {
            context.Unsupported(e, $"{e.Name.LocalName} with {(multi ?? standard)!.Name.LocalName}", id);
            return null;
        }
        return multi is not null ? ReadMultiInstance(multi, e, id, context) : ReadStandard(standard!, id, context);
    }

    private static LoopDefinition ReadMultiInstance(XElement loop, XElement activity, string id, BpmnContext context)
    {
        var zeebe = BpmnNames.ZeebeExtensions(loop, "loopCharacteristics").FirstOrDefault();
        var collectionRef = BpmnContext.LocalRef(loop, BpmnContext.NonBlank(loop.Element(BpmnNames.Model + "loopDataInputRef")?.Value));
        var outputRef = BpmnContext.LocalRef(loop, BpmnContext.NonBlank(loop.Element(BpmnNames.Model + "loopDataOutputRef")?.Value));
        DeclaredExpression? collection = null;
        if (BpmnContext.NonBlank(BpmnNames.CamundaAttribute(loop, "collection")) is { } camundaCollection)
            collection = Attribute(loop, camundaCollection, id, "camunda:collection", context);
        else if (BpmnContext.Attr(zeebe, "inputCollection") is { } zeebeCollection)
            collection = new DeclaredExpression(ExpressionText.StripFeel(zeebeCollection) ?? zeebeCollection, ExpressionLanguage.Feel);
        else if (collectionRef is not null)
            collection = new DeclaredExpression(DataName(activity, collectionRef), ExpressionLanguage.JavaScript);
        return new LoopDefinition
        {
            IsMultiInstance = true,
            IsSequential = string.Equals(BpmnContext.Attr(loop, "isSequential"), "true", StringComparison.Ordinal),
            Cardinality = Expression(loop.Element(BpmnNames.Model + "loopCardinality"), id, "loopCardinality", context),
            Collection = collection,
            CollectionIsVariable = collection is not null && collectionRef is not null && BpmnNames.CamundaAttribute(loop, "collection") is null && zeebe is null,
            ElementVariable = BpmnContext.NonBlank(BpmnNames.CamundaAttribute(loop, "elementVariable"))
                ?? BpmnContext.Attr(zeebe, "inputElement")
                ?? DataItemName(loop.Element(BpmnNames.Model + "inputDataItem")),
            CompletionCondition = Expression(loop.Element(BpmnNames.Model + "completionCondition"), id, "completionCondition", context)
                ?? (BpmnContext.Attr(zeebe, "completionCondition") is { } zc ? new DeclaredExpression(ExpressionText.StripFeel(zc) ?? zc, ExpressionLanguage.Feel) : null),
            OutputCollection = BpmnContext.Attr(zeebe, "outputCollection") ?? (outputRef is null ? null : DataName(activity, outputRef)),
            OutputElement = BpmnContext.Attr(zeebe, "outputElement") is { } oe ? ExpressionText.StripFeel(oe)
                : DataItemName(loop.Element(BpmnNames.Model + "outputDataItem")),
        };
    }

    private static LoopDefinition ReadStandard(XElement loop, string id, BpmnContext context)
    {
        int? maximum = null;
        if (BpmnContext.Attr(loop, "loopMaximum") is { } text)
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0) maximum = value;
            else context.Error(DiagnosticCodes.InvalidLoop, $"loopMaximum \"{text}\" of {id} is not a whole number of at least 0", loop, id);
        }
        return new LoopDefinition
        {
            IsSequential = true,
            LoopCondition = Expression(loop.Element(BpmnNames.Model + "loopCondition"), id, "loopCondition", context),
            TestBefore = string.Equals(BpmnContext.Attr(loop, "testBefore"), "true", StringComparison.Ordinal),
            LoopMaximum = maximum,
        };
    }

    /// <summary>A formal expression child in its declared language (on the element, else on definitions; JavaScript when none).</summary>
    public static DeclaredExpression? Expression(XElement? element, string id, string what, BpmnContext context)
    {
        if (element is null || BpmnContext.NonBlank(element.Value) is not { } raw) return null;
        var declared = BpmnContext.Attr(element, "language") ?? BpmnContext.Attr(element.Document?.Root, "expressionLanguage");
        return Resolve(raw, declared, element, id, what, context);
    }

    /// <summary>An attribute's expression (camunda:collection): the file's declared language, else JavaScript.</summary>
    private static DeclaredExpression? Attribute(XElement loop, string raw, string id, string what, BpmnContext context) =>
        Resolve(raw, BpmnContext.Attr(loop.Document?.Root, "expressionLanguage"), loop, id, what, context);

    private static DeclaredExpression? Resolve(string raw, string? declared, XElement element, string id, string what, BpmnContext context)
    {
        if (declared is null) return ExpressionText.Normalise(raw) is { } js ? new DeclaredExpression(js, ExpressionLanguage.JavaScript) : null;
        if (ExpressionLanguages.Resolve(declared) is not { } language)
        {
            context.Error(DiagnosticCodes.UnsupportedExpressionLanguage,
                $"{what} of {id} is in expression language {declared}, which the engine does not run (FEEL, JUEL and JavaScript do)", element, id, [declared]);
            return new DeclaredExpression(raw, ExpressionLanguage.Unsupported);
        }
        var text = language switch
        {
            ExpressionLanguage.Feel => ExpressionText.StripFeel(raw),
            ExpressionLanguage.Juel => raw,
            _ => ExpressionText.Normalise(raw),
        };
        return text is null ? null : new DeclaredExpression(text, language);
    }

    /// <summary>The variable a data reference stands for: the referenced data object's or property's name, else the id.</summary>
    private static string DataName(XElement activity, string reference)
    {
        var target = activity.Document?.Descendants().FirstOrDefault(d => (string?)d.Attribute("id") == reference);
        if (target is not null && target.Name.LocalName == "dataObjectReference" && BpmnContext.Ref(target, "dataObjectRef") is { } objectRef)
            target = activity.Document?.Descendants().FirstOrDefault(d => (string?)d.Attribute("id") == objectRef) ?? target;
        return BpmnContext.Attr(target, "name") ?? reference;
    }

    private static string? DataItemName(XElement? item) => BpmnContext.Attr(item, "name") ?? BpmnContext.Attr(item, "id");
}
