using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary>Arguments of <c>automation run</c>.</summary>
internal sealed record RunArguments(string File, Dictionary<string, object?> Variables, string? ProcessId, string? BusinessKey, bool Json,
    bool Ledger = false, AuthorityType Authority = AuthorityType.Kommune)
{
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        string? process = null;
        string? businessKey = null;
        var json = false;
        var ledger = false;
        AuthorityType? authority = null;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--vars":
                    var text = Value(args, ref i, "--vars");
                    try
                    {
                        variables = Engine.Runtime.Variables.ParseObject(text);
                    }
                    catch (JsonException e)
                    {
                        throw new UsageException(Texte.Format(Texte.CliVarsKeinObjekt, e.Message));
                    }
                    break;
                case "--process":
                    process = Value(args, ref i, "--process");
                    break;
                case "--business-key":
                    businessKey = Value(args, ref i, "--business-key");
                    break;
                case "--json":
                    json = true;
                    break;
                case "--ledger":
                    ledger = true;
                    break;
                case "--authority":
                    var name = Value(args, ref i, "--authority");
                    authority = Enum.TryParse<AuthorityType>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !name.Any(char.IsAsciiDigit)
                        ? parsed
                        : throw new UsageException(Texte.Format(Texte.CliBehoerdeUngueltig, name));
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException(Texte.Format(Texte.CliOptionUnbekannt, "run", args[i]));
                    if (file is not null) throw new UsageException(Texte.Format(Texte.CliNurEineDatei, "run"));
                    file = args[i];
                    break;
            }
        }
        if (authority is not null && !ledger) throw new UsageException(Texte.CliBehoerdeNurMitLedger);
        return new RunArguments(file ?? throw new UsageException(Texte.Format(Texte.CliBrauchtDatei, "run")), variables, process, businessKey, json,
            ledger, authority ?? AuthorityType.Kommune);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count) throw new UsageException(Texte.Format(Texte.CliOptionBrauchtWert, option));
        return args[++i];
    }
}
