using Automation.Data;
using Automation.Server.Infrastructure;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Mediator;

namespace Automation.Server.Features.LabourMarket;

/// <summary>A vacancy, apprenticeship or staffing need as entered (§2 Abs. 3 SGB III Nr. 1–3).</summary>
/// <param name="Kind">stelle, ausbildung or bedarf (also vacancy, apprenticeship, need).</param>
/// <param name="Occupation">5-digit KldB 2010 code.</param>
/// <param name="Positions">Number of positions.</param>
/// <param name="Role">Role, if known.</param>
/// <param name="From">From when.</param>
/// <param name="Reason">Why (required for a staffing need).</param>
/// <param name="FromAutomation">Whether automation creates the work.</param>
/// <param name="Requirements">Qualification requirements for those to be hired.</param>
internal sealed record StaffingBody(string? Kind, string? Occupation, int Positions, string? Role, DateOnly? From, string? Reason, bool FromAutomation,
    IReadOnlyList<string>? Requirements);

/// <summary>What is entered, and which topics the employer declared empty.</summary>
internal sealed record StaffingDto(IReadOnlyList<StaffingEntry> Entries, IReadOnlyList<StaffingDeclaration> Declarations);

/// <summary>Body of a "nothing to report" statement.</summary>
/// <param name="None">True: nothing to report; false: withdraw the statement.</param>
internal sealed record DeclarationBody(bool None);

internal sealed record GetStaffing : IRequest<StaffingDto>;
internal sealed record SaveStaffing(string Id, StaffingBody Body, string User) : IRequest<StaffingEntry>;
internal sealed record DeleteStaffing(string Id) : IRequest<bool>;
internal sealed record DeclareStaffing(string Topic, bool None, string User) : IRequest<StaffingDto>;

internal sealed class StaffingHandlers(LabourStore store) :
    IRequestHandler<GetStaffing, StaffingDto>,
    IRequestHandler<SaveStaffing, StaffingEntry>,
    IRequestHandler<DeleteStaffing, bool>,
    IRequestHandler<DeclareStaffing, StaffingDto>
{
    /// <summary>Longest entry number.</summary>
    private const int MaxIdLength = 100;

    public async ValueTask<StaffingDto> Handle(GetStaffing request, CancellationToken cancellationToken) =>
        new(await store.StaffingAsync(cancellationToken), await store.DeclarationsAsync(cancellationToken));

    public async ValueTask<StaffingEntry> Handle(SaveStaffing request, CancellationToken cancellationToken)
    {
        var entry = Validate(request.Id, request.Body, KldbCatalog.Default);
        await store.UpsertStaffingAsync([entry], request.User, cancellationToken);
        return entry;
    }

    public async ValueTask<bool> Handle(DeleteStaffing request, CancellationToken cancellationToken) =>
        await store.DeleteStaffingAsync(request.Id, cancellationToken) ? true : throw new NotFoundException($"Kein Eintrag mit der Nummer '{request.Id}'.");

    public async ValueTask<StaffingDto> Handle(DeclareStaffing request, CancellationToken cancellationToken)
    {
        var topic = request.Topic.Trim().ToLowerInvariant() switch
        {
            "stellen" or "vacancies" => StaffingTopic.Vacancies,
            "bedarf" or "needs" => StaffingTopic.Needs,
            _ => throw new BadInputException("topic", $"Unbekanntes Thema '{request.Topic}'. Erlaubt: stellen, bedarf.", "thema-unbekannt"),
        };
        await store.DeclareAsync(topic, request.None, request.User, cancellationToken);
        return await Handle(new GetStaffing(), cancellationToken);
    }

    /// <summary>The entry, or the first problem with its field (German, stable code).</summary>
    /// <exception cref="BadInputException">A field is missing or out of range.</exception>
    internal static StaffingEntry Validate(string id, StaffingBody body, KldbCatalog catalog)
    {
        id = id.Trim();
        if (id.Length is 0 or > MaxIdLength) throw new BadInputException("id", $"Die Nummer muss 1 bis {MaxIdLength} Zeichen haben.", "stelle-nummer");
        var kind = StaffingEntry.ParseKind(body.Kind)
            ?? throw new BadInputException("kind", $"'{body.Kind}' ist keine Art. Erlaubt: stelle, ausbildung, bedarf.", "stelle-art");
        var occupation = body.Occupation?.Trim() ?? "";
        if (!catalog.IsOccupation(occupation)) throw new BadInputException("occupation", $"'{occupation}' ist kein fünfstelliger KldB-2010-Code.", "stelle-beruf");
        if (body.Positions < 1 || body.Positions > StaffingEntry.MaxPositions)
        {
            throw new BadInputException("positions", $"Die Anzahl muss eine ganze Zahl von 1 bis {StaffingEntry.MaxPositions} sein.", "stelle-anzahl");
        }
        var reason = body.Reason?.Trim() ?? "";
        if (kind == StaffingKind.Need && reason.Length == 0)
        {
            throw new BadInputException("reason", "Bei neuem Personalbedarf ist der Grund nötig (Erweiterung oder neue Aufgabe).", "bedarf-grund");
        }
        var requirements = (body.Requirements ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new StaffingEntry(id, kind, occupation, string.IsNullOrWhiteSpace(body.Role) ? null : body.Role.Trim(), body.Positions, body.From, reason,
            body.FromAutomation, requirements);
    }
}
