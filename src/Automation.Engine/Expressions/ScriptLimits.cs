namespace Automation.Engine.Expressions;

/// <summary>Limits every script and condition runs under.</summary>
/// <param name="Timeout">Wall-clock limit per evaluation.</param>
/// <param name="MemoryBytes">Allocation limit per evaluation.</param>
/// <param name="RecursionDepth">Maximum call depth.</param>
/// <param name="MaxStatements">Maximum statements executed per evaluation.</param>
public sealed record ScriptLimits(TimeSpan Timeout, long MemoryBytes, int RecursionDepth, int MaxStatements)
{
    /// <summary>Defaults: 1 s, 16 MB, depth 64, one million statements.</summary>
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(1), 16L * 1024 * 1024, 64, 1_000_000);
}

/// <summary>Why a script failed.</summary>
public enum ScriptFailure
{
    /// <summary>The source does not parse.</summary>
    Syntax,
    /// <summary>The script threw (ReferenceError, TypeError, throw …).</summary>
    Runtime,
    /// <summary>The time limit was exceeded.</summary>
    Timeout,
    /// <summary>The memory limit was exceeded.</summary>
    Memory,
    /// <summary>The recursion limit was exceeded.</summary>
    Recursion,
    /// <summary>The statement limit was exceeded.</summary>
    Statements,
    /// <summary>The result cannot be stored as a variable.</summary>
    Value,
}

/// <summary>A script or condition failed; the message is readable by a process owner.</summary>
public sealed class ScriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScriptException(ScriptFailure failure, string message, Exception? inner = null) : base(message, inner) => Failure = failure;

    /// <summary>Creates an exception with a default message.</summary>
    public ScriptException() : this(ScriptFailure.Runtime, "Script failed.") { }

    /// <summary>Creates an exception with a message.</summary>
    public ScriptException(string message) : this(ScriptFailure.Runtime, message) { }

    /// <summary>Creates an exception with a message and inner exception.</summary>
    public ScriptException(string message, Exception inner) : this(ScriptFailure.Runtime, message, inner) { }

    /// <summary>Why it failed.</summary>
    public ScriptFailure Failure { get; }
}
