namespace Automation.Engine.Expressions.Feel;

internal static partial class Builtins
{
    private static void AddNumeric(Action<string, Signature> add)
    {
        add("decimal", S(["n", "scale"], (r, a) => Rounded(r, a[0], a[1], MidpointRounding.ToEven)));
        add("floor", S(["n", "scale?"], (r, a) => Rounded(r, a[0], a[1] ?? 0m, MidpointRounding.ToNegativeInfinity)));
        add("ceiling", S(["n", "scale?"], (r, a) => Rounded(r, a[0], a[1] ?? 0m, MidpointRounding.ToPositiveInfinity)));
        add("round up", S(["n", "scale"], (r, a) => Rounded(r, a[0], a[1], MidpointRounding.AwayFromZero, directed: true)));
        add("round down", S(["n", "scale"], (r, a) => Rounded(r, a[0], a[1], MidpointRounding.ToZero)));
        add("round half up", S(["n", "scale"], (r, a) => Rounded(r, a[0], a[1], MidpointRounding.AwayFromZero)));
        add("round half down", S(["n", "scale"], (r, a) => RoundHalfDown(r, a[0], a[1])));
        add("abs", S(["n"], (r, a) => a[0] switch
        {
            decimal d => Math.Abs(d),
            FeelDaysTime d => new FeelDaysTime(d.Value.Duration()),
            FeelYearsMonths m => new FeelYearsMonths(Math.Abs(m.Months)),
            _ => Fail(r, "abs() braucht eine Zahl."),
        }));
        add("modulo", S(["dividend", "divisor"], (r, a) =>
        {
            if (a[0] is not decimal x || a[1] is not decimal y || y == 0) return Fail(r, "modulo() braucht zwei Zahlen, der Divisor ungleich null.");
            var m = x % y;
            return m != 0 && Math.Sign(m) != Math.Sign(y) ? m + y : m;
        }));
        add("sqrt", S(["number"], (r, a) => a[0] is decimal d && FeelNumber.Sqrt(d) is { } root ? root : Fail(r, "sqrt() braucht eine Zahl ≥ 0.")));
        add("log", S(["number"], (r, a) => a[0] is decimal d && d > 0 ? FeelNumber.Ln(d) : Fail(r, "log() braucht eine Zahl > 0.")));
        add("exp", S(["number"], (r, a) => a[0] is decimal d ? FeelNumber.Exp(d, r) : Fail(r, "exp() braucht eine Zahl.")));
        add("odd", S(["number"], (r, a) => a[0] is decimal d && FeelNumber.IsInteger(d) ? d % 2 != 0 : Fail(r, "odd() braucht eine ganze Zahl.")));
        add("even", S(["number"], (r, a) => a[0] is decimal d && FeelNumber.IsInteger(d) ? d % 2 == 0 : Fail(r, "even() braucht eine ganze Zahl.")));
    }

    private static object? Rounded(FeelRuntime runtime, object? n, object? scale, MidpointRounding mode, bool directed = false)
    {
        if (n is not decimal value || scale is not decimal s) return Fail(runtime, "Erwartet werden eine Zahl und eine ganzzahlige Stellenzahl.");
        // round up is away from zero for every discarded digit; .NET's directed modes round towards an infinity.
        if (directed) mode = value >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity;
        return FeelNumber.Round(value, s, mode) ?? Fail(runtime, "Ungültige Stellenzahl.");
    }

    private static object? RoundHalfDown(FeelRuntime runtime, object? n, object? scale)
    {
        if (n is not decimal value || scale is not decimal s) return Fail(runtime, "Erwartet werden eine Zahl und eine ganzzahlige Stellenzahl.");
        var up = FeelNumber.Round(value, s, MidpointRounding.AwayFromZero);
        var zero = FeelNumber.Round(value, s, MidpointRounding.ToZero);
        if (up is not { } u || zero is not { } z) return Fail(runtime, "Ungültige Stellenzahl.");
        // Only an exact midpoint rounds towards zero; everything else rounds to nearest.
        return Math.Abs(value - z) == Math.Abs(u - value) && u != z ? z : u;
    }
}
