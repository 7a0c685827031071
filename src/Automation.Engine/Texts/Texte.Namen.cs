namespace Automation.Engine.Texts;

/// <summary>Job titles that name a process, and the caption of a technical variable name on the case page.</summary>
internal static partial class Texte
{
    public static string WorkbookJobTitelAlle => Get(nameof(WorkbookJobTitelAlle));
    public static string WorkbookJobTitelProzess => Get(nameof(WorkbookJobTitelProzess));
    public static string VorgangProzessvariable => Get(nameof(VorgangProzessvariable));
}
