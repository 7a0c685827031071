using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Setup;

/// <summary>Outcome of <see cref="CompleteSetup"/>.</summary>
/// <param name="LinkValid">False when the link is unknown, spent, or an account exists already.</param>
/// <param name="Field">The form field with a problem, if any.</param>
/// <param name="Error">German text of the problem.</param>
internal sealed record SetupResult(bool LinkValid, string? Field = null, string? Error = null)
{
    public bool Succeeded => LinkValid && Error is null;
}
