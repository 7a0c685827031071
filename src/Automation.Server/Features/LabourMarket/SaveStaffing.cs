using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

internal sealed record SaveStaffing(string Id, StaffingBody Body, string User) : IRequest<StaffingEntry>
{
    /// <summary>Longest entry number.</summary>
    private const int MaxIdLength = 100;

    /// <summary>The entry, or the first problem with its field (German, stable code).</summary>
    /// <exception cref="BadInputException">A field is missing or out of range.</exception>
    internal static StaffingEntry Entry(string id, StaffingBody body, KldbCatalog catalog)
    {
        id = id.Trim();
        if (id.Length is 0 or > MaxIdLength) throw new BadInputException("id", Texte.Format(Texte.StelleNummer, MaxIdLength), "stelle-nummer");
        var kind = StaffingEntry.ParseKind(body.Kind)
            ?? throw new BadInputException("kind", Texte.Format(Texte.StelleArt, body.Kind), "stelle-art");
        var occupation = body.Occupation?.Trim() ?? "";
        if (!catalog.IsOccupation(occupation)) throw new BadInputException("occupation", Texte.Format(Texte.KeinKldbCode, occupation), "stelle-beruf");
        if (body.Positions < 1 || body.Positions > StaffingEntry.MaxPositions)
        {
            throw new BadInputException("positions", Texte.Format(Texte.StelleAnzahl, StaffingEntry.MaxPositions), "stelle-anzahl");
        }
        var reason = body.Reason?.Trim() ?? "";
        if (kind == StaffingKind.Need && reason.Length == 0)
        {
            throw new BadInputException("reason", Texte.BedarfGrund, "bedarf-grund");
        }
        var requirements = (body.Requirements ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new StaffingEntry(id, kind, occupation, string.IsNullOrWhiteSpace(body.Role) ? null : body.Role.Trim(), body.Positions, body.From, reason,
            body.FromAutomation, requirements);
    }

    internal sealed class Handler(LabourStore store) : IRequestHandler<SaveStaffing, StaffingEntry>
    {
        public async ValueTask<StaffingEntry> Handle(SaveStaffing request, CancellationToken cancellationToken)
        {
            var entry = Entry(request.Id, request.Body, KldbCatalog.Default);
            await store.UpsertStaffingAsync([entry], request.User, cancellationToken);
            return entry;
        }
    }
}
