using System.Collections;
using System.Globalization;

namespace Automation.Engine.Expressions.Juel;

/// <summary>Evaluates the JUEL subset with EL's coercions (EL 2.2, 1.8–1.18); failures are German <see cref="ScriptException"/>s.</summary>
internal static class JuelEvaluator
{
    public static object? Eval(JuelNode node, IReadOnlyDictionary<string, object?> variables) => node switch
    {
        JuelLiteral literal => literal.Value,
        JuelIdentifier id => variables.TryGetValue(id.Name, out var value)
            ? Normalize(value)
            : throw Fail($"Die Variable „{id.Name}“ ist nicht gesetzt."),
        JuelProperty property => Property(Eval(property.Target, variables), Eval(property.Key, variables)),
        JuelUnary unary => Unary(unary.Operator, Eval(unary.Operand, variables)),
        JuelBinary { Operator: "&&" } and => ToBoolean(Eval(and.Left, variables), "&&") && ToBoolean(Eval(and.Right, variables), "&&"),
        JuelBinary { Operator: "||" } or => ToBoolean(Eval(or.Left, variables), "||") || ToBoolean(Eval(or.Right, variables), "||"),
        JuelBinary binary => Binary(binary.Operator, Eval(binary.Left, variables), Eval(binary.Right, variables)),
        JuelConditional conditional => ToBoolean(Eval(conditional.Condition, variables), "?:")
            ? Eval(conditional.Then, variables) : Eval(conditional.Else, variables),
        _ => throw new InvalidOperationException("Unknown JUEL node " + node.GetType().Name),
    };

    /// <summary>Numbers of any CLR type become decimal, so comparisons and arithmetic need one case.</summary>
    private static object? Normalize(object? value) => value switch
    {
        int or long or short or byte or uint or ulong or float or double => ToDecimal(value),
        _ => value,
    };

    private static decimal ToDecimal(object value)
    {
        try
        {
            return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Fail($"Die Zahl {value} liegt außerhalb des Zahlenbereichs.");
        }
    }

    private static object? Property(object? target, object? key)
    {
        if (target is null) return null;
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(Text(key), out var value) ? Normalize(value) : null;
            case IDictionary<string, object?> map:
                return map.TryGetValue(Text(key), out var v) ? Normalize(v) : null;
            case IList list when key is not string || decimal.TryParse((string)key, CultureInfo.InvariantCulture, out _):
                var index = ToNumber(key);
                if (index != decimal.Truncate(index) || index < 0 || index >= list.Count) throw Fail($"Die Liste hat kein Element {Text(key)}.");
                return Normalize(list[(int)index]);
            default:
                throw Fail($"Der Wert {Text(target)} hat keine Eigenschaft „{Text(key)}“.");
        }
    }

    private static object? Unary(string op, object? operand) => op switch
    {
        "!" => !ToBoolean(operand, "not"),
        "-" => operand is null ? 0m : -ToNumber(operand),
        _ => operand switch
        {
            null => true,
            string s => s.Length == 0,
            ICollection c => c.Count == 0,
            IEnumerable<KeyValuePair<string, object?>> m => !m.Any(),
            _ => false,
        },
    };

    private static object? Binary(string op, object? left, object? right)
    {
        switch (op)
        {
            case "==": return AreEqual(left, right);
            case "!=": return !AreEqual(left, right);
            case "<" or ">" or "<=" or ">=":
                if (left is null || right is null) return false;
                var order = Compare(left, right);
                return op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 };
        }
        if (left is null && right is null) return 0m;
        var a = ToNumber(left);
        var b = ToNumber(right);
        try
        {
            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => b == 0 ? throw Fail("Division durch null.") : a / b,
                _ => b == 0 ? throw Fail("Division durch null.") : a % b,
            };
        }
        catch (OverflowException)
        {
            throw Fail("Das Ergebnis liegt außerhalb des Zahlenbereichs.");
        }
    }

    /// <summary>EL equality: numbers by value, booleans and strings after coercion to the other side's type.</summary>
    private static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null) return left is null && right is null;
        if (left is decimal || right is decimal) return TryNumber(left, out var a) && TryNumber(right, out var b) && a == b;
        if (left is bool || right is bool) return ToBoolean(left, "==") == ToBoolean(right, "==");
        if (left is string || right is string) return string.Equals(Text(left), Text(right), StringComparison.Ordinal);
        return left.Equals(right);
    }

    private static int Compare(object left, object right)
    {
        if (left is decimal || right is decimal) return ToNumber(left).CompareTo(ToNumber(right));
        if (left is string l && right is string r) return string.CompareOrdinal(l, r);
        if (left is IComparable c && left.GetType() == right.GetType()) return c.CompareTo(right);
        throw Fail($"{Text(left)} und {Text(right)} sind nicht vergleichbar.");
    }

    private static bool TryNumber(object? value, out decimal number)
    {
        switch (value)
        {
            case decimal d:
                number = d;
                return true;
            case string s:
                return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case null:
                number = 0;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private static decimal ToNumber(object? value) =>
        TryNumber(value, out var number) ? number : throw Fail($"{Text(value)} ist keine Zahl.");

    public static bool ToBoolean(object? value, string where) => value switch
    {
        bool b => b,
        null => false,
        string s when s.Length == 0 => false,
        string s when bool.TryParse(s, out var b) => b,
        _ => throw Fail($"„{where}“ erwartet einen Wahrheitswert, erhalten: {Text(value)}."),
    };

    public static string Text(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static ScriptException Fail(string message) => new(ScriptFailure.Runtime, "JUEL: " + message);
}
