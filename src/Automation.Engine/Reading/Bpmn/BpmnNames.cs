using System.Xml.Linq;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>XML namespaces the BPMN reader understands. Elements are matched by namespace, never by prefix.</summary>
internal static class BpmnNames
{
    /// <summary>BPMN 2.0 semantic model.</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The product's own annotations (<c>am:</c>).</summary>
    public static readonly XNamespace Product = "urn:automation:bpmn:1";

    /// <summary>Camunda 8 (Zeebe) extensions.</summary>
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    // Camunda 7 extensions share their vocabulary with Activiti and Flowable, and some exporters even bind the
    // camunda prefix to the Activiti namespace, so all three are read alike.
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    private static readonly XNamespace Activiti = "http://activiti.org/bpmn";
    private static readonly XNamespace Flowable = "http://flowable.org/bpmn";

    // Built once: composing an XName looks it up in a global table, and the mapper asks for these on every node.
    private static readonly XName ExtensionElements = Model + "extensionElements";

    /// <summary>Whether a namespace carries the Camunda 7 extension vocabulary.</summary>
    public static bool IsCamunda(XNamespace ns) => ns == Camunda || ns == Activiti || ns == Flowable;

    /// <summary>A Camunda-vocabulary attribute of an element, whichever of the compatible namespaces it uses (Camunda's first).</summary>
    public static string? CamundaAttribute(XElement element, string localName)
    {
        XAttribute? found = null;
        foreach (var a in element.Attributes())
        {
            if (a.Name.LocalName != localName || !IsCamunda(a.Name.Namespace)) continue;
            if (a.Name.Namespace == Camunda) return a.Value;
            if (found is null || a.Name.Namespace == Activiti) found = a;
        }
        return found?.Value;
    }

    /// <summary>The vendor and product children of an element's <c>extensionElements</c>.</summary>
    public static IEnumerable<XElement> Extensions(XElement element) => element.Element(ExtensionElements)?.Elements() ?? [];

    /// <summary>Camunda-vocabulary extension children with the given local name.</summary>
    public static IEnumerable<XElement> CamundaExtensions(XElement element, string localName) =>
        Extensions(element).Where(e => e.Name.LocalName == localName && IsCamunda(e.Name.Namespace));

    /// <summary>Zeebe extension children with the given local name.</summary>
    public static IEnumerable<XElement> ZeebeExtensions(XElement element, string localName) =>
        Extensions(element).Where(e => e.Name.LocalName == localName && e.Name.Namespace == Zeebe);
}
