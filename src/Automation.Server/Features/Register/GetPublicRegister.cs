using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Mediator;

namespace Automation.Server.Features.Register;

internal sealed record GetPublicRegister : IRequest<PublicRegisterData>
{
    internal sealed class Handler(RegisterService register) : IRequestHandler<GetPublicRegister, PublicRegisterData>
    {
        public async ValueTask<PublicRegisterData> Handle(GetPublicRegister request, CancellationToken cancellationToken)
        {
            var versions = await register.GetPublishedAsync(cancellationToken);
            var rows = versions.SelectMany(v => v.Steps.Select(s => PublicRegisterRows.Row(v, s))).ToList();
            return new PublicRegisterData(versions, new PublicRegister(Texte.RegisterTitel,
                DateTimeOffset.UtcNow, PublicRegisterRows.Note, rows));
        }
    }
}
