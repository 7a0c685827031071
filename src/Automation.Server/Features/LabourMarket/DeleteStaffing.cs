using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

internal sealed record DeleteStaffing(string Id) : IRequest<bool>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<DeleteStaffing, bool>
    {
        public async ValueTask<bool> Handle(DeleteStaffing request, CancellationToken cancellationToken) =>
            await store.DeleteStaffingAsync(request.Id, cancellationToken) ? true : throw new NotFoundException(Texte.Format(Texte.StelleUnbekannt, request.Id));
    }
}
