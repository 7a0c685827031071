namespace Automation.Engine.Accounting;

/// <summary>
/// A step cannot be priced: a factor is missing for the step's date, or an annotation points at an undefined table cell.
/// The message is German (it reaches the CLI, the simulation's errors and the recomputation report); <see cref="Code"/>
/// names the problem for programs.
/// </summary>
public sealed class AccountingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccountingException()
    {
    }

    /// <summary>Creates the exception with a message that says what is missing and where.</summary>
    public AccountingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AccountingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Stable code of the problem (factor-missing, factor-not-valid, factor-undefined, activity-unknown, step-node-missing, effort-incomplete).</summary>
    public string Code { get; init; } = "step-not-priced";
}

/// <summary>A factor version or factor file was refused; <see cref="Errors"/> names each refused field.</summary>
public sealed class FactorValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FactorValidationException() => Errors = [];

    /// <summary>Creates the exception with a message.</summary>
    public FactorValidationException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FactorValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception for the refused fields of one version.</summary>
    public FactorValidationException(string what, IReadOnlyList<FactorError> errors)
        : base(what + ": " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>The refused fields.</summary>
    public IReadOnlyList<FactorError> Errors { get; }
}
