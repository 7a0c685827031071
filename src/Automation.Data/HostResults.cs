using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>A case as the host reports it after an operation.</summary>
/// <param name="CaseId">Case id.</param>
/// <param name="DefinitionId">Definition version.</param>
/// <param name="Status">Status after the operation.</param>
/// <param name="State">The state after the operation.</param>
public sealed record CaseSnapshot(Guid CaseId, long DefinitionId, CaseStatus Status, CaseState State);

/// <summary>What happened to a correlated message.</summary>
public enum MessageDelivery
{
    /// <summary>A waiting case received it.</summary>
    Delivered,
    /// <summary>It started a new case at a message start event.</summary>
    Started,
    /// <summary>No case waits yet: kept for <see cref="WorkflowHostOptions.MessageBufferTime"/>.</summary>
    Buffered,
    /// <summary>Sent within a <see cref="CaseScope"/> and no case or start event of it took the message; nothing was stored.</summary>
    NotDelivered,
}

/// <summary>Result of a message correlation.</summary>
/// <param name="Delivery">What happened.</param>
/// <param name="CaseId">The case that received it or was started, if any.</param>
public sealed record MessageResult(MessageDelivery Delivery, Guid? CaseId);

/// <summary>
/// The definition versions whose cases a caller may reach with a message or signal (the server derives it from the
/// caller's groups). Null where the host takes a scope means every case.
/// </summary>
/// <param name="DefinitionIds">Definition version ids.</param>
public sealed record CaseScope(IReadOnlySet<long> DefinitionIds)
{
    /// <summary>Whether cases of the definition version are in the scope.</summary>
    public bool Includes(long definitionId) => DefinitionIds.Contains(definitionId);
}

/// <summary>Someone else changed the case first (the task was completed or claimed by another person).</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException() : base("The case was changed by someone else.") { }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>No such case, task or definition.</summary>
public sealed class NotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public NotFoundException() : base("Not found.") { }

    /// <summary>Creates the exception.</summary>
    public NotFoundException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A timer's or job's run needed longer than the inline script budget and now continues on the script threads; the
/// timer or job thread that started it goes back to its work. Not a failure.
/// </summary>
internal sealed class RunHandedOverException : Exception
{
    public RunHandedOverException() : base("The run continues on the script threads.") { }

    public RunHandedOverException(string message) : base(message) { }

    public RunHandedOverException(string message, Exception inner) : base(message, inner) { }
}
