using Automation.Data;
using Automation.Data.Reports;
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

internal sealed record GetProgress : IRequest<IReadOnlyList<ProgressDto>>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<GetProgress, IReadOnlyList<ProgressDto>>
    {
        public async ValueTask<IReadOnlyList<ProgressDto>> Handle(GetProgress request, CancellationToken cancellationToken)
        {
            var consenting = (await store.ProfilesAsync(cancellationToken)).Where(p => p.Consent).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var outcomes = (await store.OutcomesAsync(cancellationToken)).Where(o => consenting.Contains(o.ProfileId)).ToList();
            // The same suppression as the report's progress table, so the two cannot be played against each other.
            var groups = new PeopleGroups();
            var ids = Enum.GetValues<MatchStatus>().Select(s => (Status: s, Id: groups.Add(outcomes.Where(o => o.Status == s).Select(o => o.ProfileId)))).ToList();
            var solved = groups.Solve();
            return ids.Select(x => new ProgressDto(x.Status.ToString(), LabourFigures.StatusText(x.Status), solved[x.Id])).ToList();
        }
    }
}
