using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

internal sealed record DeclareStaffing(string Topic, bool None, string User) : IRequest<StaffingDto>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<DeclareStaffing, StaffingDto>
    {
        public async ValueTask<StaffingDto> Handle(DeclareStaffing request, CancellationToken cancellationToken)
        {
            var topic = request.Topic.Trim().ToLowerInvariant() switch
            {
                "stellen" or "vacancies" => StaffingTopic.Vacancies,
                "bedarf" or "needs" => StaffingTopic.Needs,
                _ => throw new BadInputException("topic", Texte.Format(Texte.ServerUnbekanntesThemaErlaubtStellenBedarf, request.Topic), "thema-unbekannt"),
            };
            await store.DeclareAsync(topic, request.None, request.User, cancellationToken);
            return new StaffingDto(await store.StaffingAsync(cancellationToken), await store.DeclarationsAsync(cancellationToken));
        }
    }
}
