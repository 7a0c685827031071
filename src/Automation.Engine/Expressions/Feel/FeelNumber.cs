using System.Globalization;

namespace Automation.Engine.Expressions.Feel;

/// <summary>
/// Number helpers on <see cref="decimal"/>. FEEL asks for decimal128 (34 digits); decimal has 28–29, so results are
/// exact to that many digits, and square root, exponential and logarithm are computed in decimal to the same precision.
/// </summary>
internal static class FeelNumber
{
    public static object? Checked(Func<decimal> compute, FeelRuntime runtime)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            runtime.Warn("Das Ergebnis liegt außerhalb des Zahlenbereichs.");
            return null;
        }
    }

    /// <summary>A number as FEEL's <c>string()</c> writes it: no exponent, no trailing zeros.</summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal)) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }

    public static bool IsInteger(decimal value) => value == decimal.Truncate(value);

    public static object? Power(decimal x, decimal y, FeelRuntime runtime)
    {
        if (IsInteger(y) && Math.Abs(y) <= 10_000)
        {
            try
            {
                var n = (int)Math.Abs(y);
                decimal result = 1, factor = x;
                while (n > 0)
                {
                    if ((n & 1) == 1) result *= factor;
                    n >>= 1;
                    if (n > 0) factor *= factor;
                }
                if (y >= 0) return result;
                if (result == 0) return Warn(runtime, "Division durch null.");
                return 1 / result;
            }
            catch (OverflowException)
            {
                return Warn(runtime, "Das Ergebnis liegt außerhalb des Zahlenbereichs.");
            }
        }
        if (x < 0) return Warn(runtime, "Eine negative Zahl hat keine gebrochene Potenz.");
        if (x == 0) return 0m;
        return Exp(Ln(x) * y, runtime);
    }

    public static decimal? Sqrt(decimal x)
    {
        if (x < 0) return null;
        if (x == 0) return 0;
        var guess = (decimal)Math.Sqrt((double)x);
        for (var i = 0; i < 8; i++)
        {
            var next = (guess + x / guess) / 2;
            if (next == guess) break;
            guess = next;
        }
        return guess;
    }

    /// <summary>e^x by range reduction and the Taylor series, in decimal.</summary>
    public static object? Exp(decimal x, FeelRuntime runtime)
    {
        if (x > 66) return Warn(runtime, "Das Ergebnis liegt außerhalb des Zahlenbereichs.");
        if (x < -66) return 0m;
        var halvings = 0;
        while (Math.Abs(x) > 0.5m)
        {
            x /= 2;
            halvings++;
        }
        decimal sum = 1, term = 1;
        for (var k = 1; k < 60; k++)
        {
            term = term * x / k;
            if (term == 0) break;
            sum += term;
        }
        for (var i = 0; i < halvings; i++) sum *= sum;
        return sum;
    }

    /// <summary>ln x via ln((1+t)/(1-t)) = 2·atanh t after scaling by powers of 2, in decimal.</summary>
    public static decimal Ln(decimal x)
    {
        const decimal Ln2 = 0.6931471805599453094172321215m;
        var twos = 0;
        while (x > 2)
        {
            x /= 2;
            twos++;
        }
        while (x < 1)
        {
            x *= 2;
            twos--;
        }
        var t = (x - 1) / (x + 1);
        var t2 = t * t;
        decimal sum = 0, power = t;
        for (var k = 1; k < 200; k += 2)
        {
            var term = power / k;
            if (term == 0) break;
            sum += term;
            power *= t2;
        }
        return 2 * sum + twos * Ln2;
    }

    /// <summary>Rounds to <paramref name="scale"/> digits after the point (negative: before it) with a .NET rounding mode.</summary>
    public static decimal? Round(decimal value, decimal scale, MidpointRounding mode)
    {
        if (scale < -28) return null;
        // decimal holds at most 28 places: a larger scale keeps every digit there is (round up(5.5, 6176) is 5.5).
        var s = (int)Math.Min(28, decimal.Truncate(scale));
        try
        {
            if (s >= 0) return decimal.Round(value, s, mode);
            var factor = Pow10(-s);
            return decimal.Round(value / factor, 0, mode) * factor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal Pow10(int n)
    {
        decimal result = 1;
        for (var i = 0; i < n; i++) result *= 10;
        return result;
    }

    private static object? Warn(FeelRuntime runtime, string message)
    {
        runtime.Warn(message);
        return null;
    }
}
