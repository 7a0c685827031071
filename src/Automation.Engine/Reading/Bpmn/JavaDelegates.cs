using System.Text;
using System.Xml.Linq;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// Camunda 7 Java delegates (<c>camunda:class</c>, <c>delegateExpression</c>, <c>expression</c>): Java code that does not
/// run here. The step becomes an external task, and the topic suggested from the Java name is the one it waits on.
/// </summary>
internal static class JavaDelegates
{
    private static readonly string[] Attributes = ["class", "delegateExpression", "expression"];

    // Words Java names end with that say nothing about the work (SendInvoiceDelegate → send-invoice).
    private static readonly string[] Suffixes = ["JavaDelegate", "Delegate", "Adapter", "Bean", "Impl"];

    /// <summary>The element's Java delegate: the attribute (class, delegateExpression or expression) and its value.</summary>
    public static (string Attribute, string Value)? Of(XElement element)
    {
        foreach (var attribute in Attributes)
        {
            if (BpmnContext.NonBlank(BpmnNames.CamundaAttribute(element, attribute)) is { } value) return (attribute, value);
        }
        return null;
    }

    /// <summary>A listener's Java code: its (unprefixed) class, delegateExpression or expression attribute and value.</summary>
    public static (string Attribute, string Value)? OfListener(XElement listener)
    {
        foreach (var attribute in Attributes)
        {
            if (BpmnContext.Attr(listener, attribute) is { } value) return (attribute, value);
        }
        return null;
    }

    /// <summary>
    /// A topic for the external task replacing a Java delegate, in lower case with hyphens: a class by its simple name
    /// without a trailing Delegate (<c>org.example.SendInvoiceDelegate</c> → <c>send-invoice</c>), an expression by its
    /// bean and method (<c>${mailer.send(x)}</c> → <c>mailer-send</c>).
    /// </summary>
    public static string SuggestTopic((string Attribute, string Value) java)
    {
        var text = java.Value.Trim();
        if ((text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith('}')) text = text[2..^1];
        var call = text.IndexOf('(', StringComparison.Ordinal);
        if (call >= 0) text = text[..call];
        var parts = text.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var words = java.Attribute == "class" && parts.Length > 0 ? [parts[^1]] : parts;
        var name = string.Join('-', words.Select(StripSuffix));
        return Kebab(name) is { Length: > 0 } topic ? topic : "java-delegate";
    }

    private static string StripSuffix(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal)) return word[..^suffix.Length];
        }
        return word;
    }

    /// <summary>camelCase and PascalCase split into lower-case words joined by hyphens; other characters become hyphens.</summary>
    private static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
                continue;
            }
            var wordStart = char.IsUpper(c) && i > 0
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (wordStart && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim('-');
    }
}
