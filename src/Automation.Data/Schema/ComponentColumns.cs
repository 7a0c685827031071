using System.Globalization;
using Automation.Engine.Accounting;

namespace Automation.Data.Schema;

/// <summary>
/// How the carbon components (<see cref="CarbonComponents.All"/>) are stored and named: a gCO2e column per component and
/// a Wh column where it has energy, on the step rows (read through the view <c>ledger_entries</c>) and in the ledger
/// cells, which keep a standard-basis column too for the components that follow the staff minutes
/// (<c>workplace_g</c> and <c>workplace_standard_g</c>). Properties and JSON fields are named after the columns
/// (<c>workplace_g</c> → <c>WorkplaceG</c>, <c>workplaceG</c>), so a component of the list gets its columns, fields
/// and sums from here.
/// </summary>
public static class ComponentColumns
{
    /// <summary>The component columns of a step row, component by component, Wh before gCO2e.</summary>
    public static IReadOnlyList<ComponentColumn> Step { get; } = [.. CarbonComponents.All.SelectMany(c => Of(c, standardBasis: false))];

    /// <summary>The standard-basis columns the cells add for the components that follow the staff minutes.</summary>
    public static IReadOnlyList<ComponentColumn> Standard { get; } =
        [.. CarbonComponents.All.Where(c => c.FollowsStaffTime).SelectMany(c => Of(c, standardBasis: true))];

    /// <summary>The JSON field of a component's gCO2e, e.g. <c>workplaceG</c>, or on the standard basis <c>workplaceStandardG</c>.</summary>
    public static string CarbonField(CarbonComponent component, bool standardBasis)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Camel(standardBasis && component.FollowsStaffTime ? StandardOf(component.CarbonColumn) : component.CarbonColumn);
    }

    /// <summary>The JSON field of a component's Wh, e.g. <c>workplaceWh</c>; null without energy.</summary>
    public static string? EnergyField(CarbonComponent component, bool standardBasis)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.EnergyColumn is not { } column ? null : Camel(standardBasis && component.FollowsStaffTime ? StandardOf(column) : column);
    }

    /// <summary><c>workplace_standard_wh</c> → <c>WorkplaceStandardWh</c>: the property name of a column.</summary>
    public static string Pascal(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return string.Concat(column.Split('_').Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
    }

    private static string Camel(string column)
    {
        var pascal = Pascal(column);
        return char.ToLower(pascal[0], CultureInfo.InvariantCulture) + pascal[1..];
    }

    /// <summary><c>workplace_g</c> → <c>workplace_standard_g</c>.</summary>
    private static string StandardOf(string column)
    {
        var unit = column.LastIndexOf('_');
        return column[..unit] + "_standard" + column[unit..];
    }

    private static IEnumerable<ComponentColumn> Of(CarbonComponent component, bool standardBasis)
    {
        if (component.EnergyColumn is { } wh) yield return new(component, true, standardBasis ? StandardOf(wh) : wh);
        yield return new(component, false, standardBasis ? StandardOf(component.CarbonColumn) : component.CarbonColumn);
    }
}

/// <summary>One stored quantity of a carbon component.</summary>
/// <param name="Component">The component.</param>
/// <param name="Energy">Whether the column holds Wh (else gCO2e).</param>
/// <param name="Name">Column name, e.g. <c>workplace_wh</c>.</param>
public sealed record ComponentColumn(CarbonComponent Component, bool Energy, string Name)
{
    /// <summary>Name of the entity property mapped to the column, e.g. <c>WorkplaceWh</c>.</summary>
    public string Property => ComponentColumns.Pascal(Name);
}
