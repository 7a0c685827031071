using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Cases;

/// <summary>What the commands on one case share: loading a case the person may act on.</summary>
internal static class CaseAccess
{
    /// <summary>Loads a case the person may act on; a case outside the scope is answered like a missing one.</summary>
    public static async Task<CaseSnapshot> ActedOnAsync(WorkflowHostAccessor accessor, DepartmentScope scope, ClaimsPrincipal user, Guid id,
        CancellationToken ct)
    {
        var snapshot = await accessor.Host.GetCaseAsync(id, ct);
        if (snapshot is null || (await scope.ForActingAsync(user, ct) is { } acting && !acting.Includes(snapshot.DefinitionId)))
        {
            throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, id));
        }
        return snapshot;
    }

    /// <summary>A stored Unix time in milliseconds.</summary>
    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
