using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Mediator;

namespace Automation.Server.Features.Register;

internal sealed record GetRegisterVersion(long DefinitionId) : IRequest<RegisterVersion>
{
    internal sealed class Handler(RegisterService register) : IRequestHandler<GetRegisterVersion, RegisterVersion>
    {
        public async ValueTask<RegisterVersion> Handle(GetRegisterVersion request, CancellationToken cancellationToken) =>
            await register.GetVersionAsync(request.DefinitionId, cancellationToken);
    }
}
