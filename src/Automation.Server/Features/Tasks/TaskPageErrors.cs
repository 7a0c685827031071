using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Tasks;

/// <summary>Readable German notices for the errors a person can cause on the task pages.</summary>
internal static class TaskPageErrors
{
    public static bool IsExpected(Exception e) =>
        e is ConcurrencyConflictException or NotFoundException or ForbiddenException or WorkflowInputException or BadInputException
            or VariablesTooLargeException;

    public static string Describe(Exception e) => e switch
    {
        ConcurrencyConflictException => Texte.ServerAufgabeWurdeInzwischenJemandAnderem,
        NotFoundException => Texte.ServerAufgabeGibtMehr,
        ForbiddenException f => f.Message,
        WorkflowInputException w => Texte.Format(Texte.ServerBittePruefenSieIhreEingabe, w.Message),
        _ => e.Message,
    };
}
