using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Every table of the pages sits in its own horizontally scrolling box, so a wide table never makes the page scroll
/// sideways on a phone (WCAG 1.4.10 reflow). The box is a named region with a tab stop, so keyboard users can scroll it
/// (axe: scrollable-region-focusable); its name is the table's caption.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class ScrollableTableTagHelper : TagHelper
{
    /// <summary>Wraps the table; the caption, when there is one, names the region.</summary>
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var content = await output.GetChildContentAsync();
        var html = content.GetContent();
        var caption = Caption().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(Tags().Replace(m.Groups[1].Value, "")).Trim() : "";
        var label = caption.Length > 0 ? caption : "Tabelle";
        output.PreElement.SetHtmlContent($"<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        output.PostElement.SetHtmlContent("</div>");
        output.Content.SetHtmlContent(html);
    }

    [GeneratedRegex("<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
