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
