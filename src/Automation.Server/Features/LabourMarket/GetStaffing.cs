using Automation.Data;
using Automation.Server.Infrastructure;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

internal sealed record GetStaffing : IRequest<StaffingDto>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<GetStaffing, StaffingDto>
    {
        public async ValueTask<StaffingDto> Handle(GetStaffing request, CancellationToken cancellationToken) =>
            new(await store.StaffingAsync(cancellationToken), await store.DeclarationsAsync(cancellationToken));
    }
}
