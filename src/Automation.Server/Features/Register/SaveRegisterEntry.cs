using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Mediator;

namespace Automation.Server.Features.Register;

internal sealed record SaveRegisterEntry(long DefinitionId, string NodeId, RegisterEntryBody Body) : IRequest<RegisterStep>
{
    internal sealed class Handler(RegisterService register) : IRequestHandler<SaveRegisterEntry, RegisterStep>
    {
        public async ValueTask<RegisterStep> Handle(SaveRegisterEntry request, CancellationToken cancellationToken) =>
            await register.SaveAsync(request.DefinitionId, request.NodeId, request.Body, cancellationToken);
    }
}
