using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Importing;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

internal sealed record RecordOutcome(OutcomeBody Body, string User) : IRequest<MatchOutcome>, IValidated
{
    public IEnumerable<InputProblem> Validate()
    {
        if (Status() is null) yield return new InputProblem("status", Texte.Format(Texte.ServerErgebnisUnbekannt, Body.Status));
    }

    private MatchStatus? Status() =>
        Enum.TryParse<MatchStatus>(Body.Status, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;

    internal sealed class Handler(LabourStore store) : IRequestHandler<RecordOutcome, MatchOutcome>
    {
        public async ValueTask<MatchOutcome> Handle(RecordOutcome request, CancellationToken cancellationToken)
        {
            var body = request.Body;
            var status = request.Status()!.Value;
            var profile = (await store.ProfilesAsync(cancellationToken)).FirstOrDefault(p => p.Id == body.ProfileId && p.Consent)
                ?? throw new NotFoundException(Texte.Format(Texte.ServerProfilEinwilligung, body.ProfileId));
            if ((await store.OffersAsync(cancellationToken)).All(o => o.Id != body.OfferId))
            {
                throw new NotFoundException(Texte.Format(Texte.AngebotUnbekannt, body.OfferId));
            }
            await store.SaveOutcomeAsync(profile.Id, body.OfferId, status, request.User, cancellationToken);
            return new MatchOutcome(profile.Id, body.OfferId, status);
        }
    }
}
