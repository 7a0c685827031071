using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// The <c>am:</c> annotations of a whole process (not of one node). Today one: the retention period of its cases,
/// as an attribute <c>am:retention="P10Y"</c> on the process or an element <c>&lt;am:retention period="P10Y"/&gt;</c>
/// or <c>&lt;am:retention days="3650"/&gt;</c> in its extensionElements. Unknown names are errors, as on nodes.
/// </summary>
internal static class ProcessAnnotations
{
    public static RetentionPeriod? ReadRetention(XElement process, string processId, BpmnContext context)
    {
        RetentionPeriod? retention = null;
        var given = 0;
        foreach (var a in process.Attributes().Where(a => a.Name.Namespace == BpmnNames.Product))
        {
            if (a.Name.LocalName != "retention")
            {
                context.Error(DiagnosticCodes.InvalidAnnotation, $"unknown annotation attribute am:{a.Name.LocalName} on the process", process, processId);
                continue;
            }
            given++;
            retention = Parse(a.Value, process, processId, context);
        }
        foreach (var e in BpmnNames.Extensions(process).Where(e => e.Name.Namespace == BpmnNames.Product))
        {
            if (e.Name.LocalName != "retention")
            {
                context.Error(DiagnosticCodes.InvalidAnnotation, $"unknown annotation am:{e.Name.LocalName} on the process", e, processId);
                continue;
            }
            given++;
            retention = FromElement(e, processId, context);
        }
        if (given > 1) context.Error(DiagnosticCodes.InvalidAnnotation, "am:retention is given more than once", process, processId);
        return retention;
    }

    private static RetentionPeriod? FromElement(XElement e, string processId, BpmnContext context)
    {
        var attributes = e.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
        foreach (var a in attributes.Where(a => a.Name.LocalName is not ("days" or "period")))
            context.Error(DiagnosticCodes.InvalidAnnotation, $"unknown attribute {a.Name.LocalName} on am:retention (expected days or period)", e, processId);
        var days = BpmnContext.Attr(e, "days");
        var period = BpmnContext.Attr(e, "period");
        if ((days is null) == (period is null))
        {
            context.Error(DiagnosticCodes.InvalidAnnotation, "am:retention needs exactly one of days=\"…\" or period=\"…\"", e, processId);
            return null;
        }
        if (period is not null) return Parse(period, e, processId, context);
        if (int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= RetentionPeriod.MaxDays)
            return RetentionPeriod.FromDays(n);
        context.Error(DiagnosticCodes.InvalidAnnotation,
            $"invalid am:retention days \"{days}\" (expected a whole number of days from 1 to {RetentionPeriod.MaxDays})", e, processId);
        return null;
    }

    private static RetentionPeriod? Parse(string text, XElement where, string processId, BpmnContext context)
    {
        if (RetentionPeriod.TryParse(text, out var period, out var error)) return period;
        context.Error(DiagnosticCodes.InvalidAnnotation, "invalid am:retention: " + error, where, processId);
        return null;
    }
}
