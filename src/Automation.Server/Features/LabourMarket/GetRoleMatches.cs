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

internal sealed record GetRoleMatches(string Occupation, IReadOnlyList<string> Targets, int Top) : IRequest<RoleMatches>, IValidated
{
    public IEnumerable<InputProblem> Validate()
    {
        foreach (var code in Targets.Prepend(Occupation).Where(c => !LabourFigures.Catalog.IsOccupation(c)))
        {
            yield return new InputProblem("occupation", Texte.Format(Texte.KeinKldbCode, code));
        }
        if (Targets.Count == 0) yield return new InputProblem("targets", Texte.ZielberufFehlt);
    }

    internal sealed class Handler(LabourFigures figures) : IRequestHandler<GetRoleMatches, RoleMatches>
    {
        public async ValueTask<RoleMatches> Handle(GetRoleMatches request, CancellationToken cancellationToken)
        {
            var (matcher, required) = await figures.MatcherAsync(cancellationToken);
            return ProfileMatching.ForOccupation(matcher, request.Occupation, request.Targets, required, Math.Clamp(request.Top, 1, 20));
        }
    }
}
