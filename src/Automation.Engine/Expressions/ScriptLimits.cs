using System.Globalization;

namespace Automation.Engine.Expressions;

/// <summary>Limits every script and condition runs under.</summary>
/// <param name="Timeout">Wall-clock limit per evaluation; also the longest one regular-expression match may take.</param>
/// <param name="MemoryBytes">Allocation limit per evaluation.</param>
/// <param name="RecursionDepth">Maximum call depth.</param>
/// <param name="MaxStatements">Maximum statements executed per evaluation.</param>
public sealed record ScriptLimits(TimeSpan Timeout, long MemoryBytes, int RecursionDepth, int MaxStatements)
{
    /// <summary>Defaults: 1 s, 16 MB, depth 64, one million statements.</summary>
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(1), 16L * 1024 * 1024, 64, 1_000_000);

    /// <summary>Largest array a script may create (elements): beyond it an allocation would outrun the memory check.</summary>
    public const uint MaxArrayLength = 1_000_000;

    /// <summary>Numbers in messages are written as users read them.</summary>
    internal static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>A time limit as users read it: seconds, de-DE.</summary>
    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", German) + " s";
}

/// <summary>Why a script failed.</summary>
internal enum ScriptFailure
{
    /// <summary>The source does not parse.</summary>
    Syntax,
    /// <summary>The script threw (ReferenceError, TypeError, throw …).</summary>
    Runtime,
    /// <summary>The time limit was exceeded.</summary>
    Timeout,
    /// <summary>A regular expression did not finish within the time limit (catastrophic backtracking).</summary>
    RegexTimeout,
    /// <summary>The memory limit was exceeded.</summary>
    Memory,
    /// <summary>The recursion limit was exceeded.</summary>
    Recursion,
    /// <summary>The statement limit was exceeded.</summary>
    Statements,
    /// <summary>The result cannot be stored as a variable.</summary>
    Value,
}

/// <summary>A script or condition failed; the message is German and readable by a process owner.</summary>
internal sealed class ScriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScriptException(ScriptFailure failure, string message, Exception? inner = null) : base(message, inner) => Failure = failure;

    /// <summary>Creates an exception with a default message.</summary>
    public ScriptException() : this(ScriptFailure.Runtime, "Das Skript ist fehlgeschlagen.") { }

    /// <summary>Creates an exception with a message.</summary>
    public ScriptException(string message) : this(ScriptFailure.Runtime, message) { }

    /// <summary>Creates an exception with a message and inner exception.</summary>
    public ScriptException(string message, Exception inner) : this(ScriptFailure.Runtime, message, inner) { }

    /// <summary>Why it failed.</summary>
    public ScriptFailure Failure { get; }

    /// <summary>Stable code for programs, e.g. <c>script-timeout</c> (incidents and diagnostics carry it).</summary>
    public string Code => CodeOf(Failure);

    /// <summary>The stable code of a failure kind.</summary>
    public static string CodeOf(ScriptFailure failure) => failure switch
    {
        ScriptFailure.Syntax => "script-syntax",
        ScriptFailure.Timeout => "script-timeout",
        ScriptFailure.RegexTimeout => "script-regex-timeout",
        ScriptFailure.Memory => "script-memory",
        ScriptFailure.Recursion => "script-recursion",
        ScriptFailure.Statements => "script-statements",
        ScriptFailure.Value => "script-value",
        _ => "script-error",
    };
}

/// <summary>
/// The scripts of a run used up the time a <see cref="ScriptBudget.Inline"/> scope allowed. Not a failure of the case:
/// the run is abandoned before anything is stored, and the host runs it again where slow scripts may run.
/// </summary>
public sealed class ScriptBudgetExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScriptBudgetExceededException() : base("The scripts of this run need longer than the inline budget allows.") { }

    /// <summary>Creates the exception with a message.</summary>
    public ScriptBudgetExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public ScriptBudgetExceededException(string message, Exception inner) : base(message, inner) { }
}
