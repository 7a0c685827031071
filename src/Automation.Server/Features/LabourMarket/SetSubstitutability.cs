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

internal sealed record SetSubstitutability(string Occupation, SubstitutabilityBody? Body, string User) : IRequest<OccupationDto>
{
    internal sealed class Handler(LabourStore store) : IRequestHandler<SetSubstitutability, OccupationDto>
    {
        public async ValueTask<OccupationDto> Handle(SetSubstitutability request, CancellationToken cancellationToken)
        {
            var occupation = LabourFigures.Catalog.Find(request.Occupation);
            if (occupation is not { Level: 5 }) throw new NotFoundException(Texte.Format(Texte.KeinKldbCode, request.Occupation));
            if (request.Body is null)
            {
                await store.DeleteSubstitutabilityAsync(occupation.Code, cancellationToken);
                return LabourFigures.ToDto(occupation, null);
            }
            var body = request.Body;
            if (SubstitutabilityPotential.Validate(occupation.Code, body.SharePercent, body.Source, body.Year, LabourFigures.Catalog) is { } problem)
            {
                throw new BadInputException(body.Source is null ? "source" : "sharePercent", problem);
            }
            var value = new SubstitutabilityPotential(occupation.Code, body.SharePercent, body.Source!.Trim(), body.Year);
            await store.SaveSubstitutabilityAsync(value, request.User, cancellationToken);
            return LabourFigures.ToDto(occupation, value);
        }
    }
}
