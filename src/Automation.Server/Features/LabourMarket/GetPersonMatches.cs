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

internal sealed record GetPersonMatches(int Top) : IRequest<IReadOnlyList<ProfileMatches>>
{
    internal sealed class Handler(LabourStore store, LabourFigures figures) : IRequestHandler<GetPersonMatches, IReadOnlyList<ProfileMatches>>
    {
        public async ValueTask<IReadOnlyList<ProfileMatches>> Handle(GetPersonMatches request, CancellationToken cancellationToken)
        {
            var (matcher, required) = await figures.MatcherAsync(cancellationToken);
            var profiles = await store.ProfilesAsync(cancellationToken);
            return ProfileMatching.ForProfiles(matcher, profiles.Where(p => p.Consent), required, Math.Clamp(request.Top, 1, 20));
        }
    }
}
