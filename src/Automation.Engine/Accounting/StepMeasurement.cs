namespace Automation.Engine.Accounting;

/// <summary>
/// What the host measured for one executed step. Every figure is optional: what is missing falls back to the
/// step's annotations (standard values) or to zero, and the ledger entry says which basis it used.
/// </summary>
/// <param name="WorkingMinutes">Staff working time: for a human task, claim to completion minus the time it sat released
/// (the host knows claims and releases; the engine does not).</param>
/// <param name="WallSeconds">Wall-clock duration of an automated step.</param>
/// <param name="CpuSeconds">CPU time an automated step used.</param>
/// <param name="MemoryGigabyteHours">Memory reserved × time, for hosts that meter it.</param>
/// <param name="TransferGigabytes">Data the step sent and received over the network.</param>
/// <param name="Inferences">AI inferences the step made.</param>
/// <param name="EmailsSent">E-mails a connector sent.</param>
/// <param name="LettersAvoided">Posted letters those e-mails replaced (a connector counts one where the address was a citizen's).</param>
/// <param name="PdfPages">PDF pages a connector generated (not printed: no paper).</param>
/// <param name="AiTokens">Tokens (input and output) a language model processed for the step, as its endpoint reported them.</param>
/// <param name="AiSizeClass">Size class of that model (<see cref="FactorKeys.AiSizeClasses"/>), which selects the energy per token.</param>
public sealed record StepMeasurement(decimal? WorkingMinutes = null, decimal? WallSeconds = null, decimal? CpuSeconds = null,
    decimal? MemoryGigabyteHours = null, decimal? TransferGigabytes = null, decimal? Inferences = null,
    decimal? EmailsSent = null, decimal? LettersAvoided = null, decimal? PdfPages = null, decimal? AiTokens = null, string? AiSizeClass = null)
{
    /// <summary>Throws when a figure is negative: a negative measurement is a bug in the host, not a fact to price.</summary>
    internal void Check()
    {
        Positive(WorkingMinutes, nameof(WorkingMinutes));
        Positive(WallSeconds, nameof(WallSeconds));
        Positive(CpuSeconds, nameof(CpuSeconds));
        Positive(MemoryGigabyteHours, nameof(MemoryGigabyteHours));
        Positive(TransferGigabytes, nameof(TransferGigabytes));
        Positive(Inferences, nameof(Inferences));
        Positive(EmailsSent, nameof(EmailsSent));
        Positive(LettersAvoided, nameof(LettersAvoided));
        Positive(PdfPages, nameof(PdfPages));
        Positive(AiTokens, nameof(AiTokens));
        if (AiTokens > 0 && (AiSizeClass is null || !FactorKeys.AiSizeClasses.Contains(AiSizeClass)))
            throw new ArgumentOutOfRangeException(nameof(AiSizeClass), AiSizeClass, "tokens need a model size class: " + string.Join(", ", FactorKeys.AiSizeClasses));
    }

    private static void Positive(decimal? value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, "a measurement must not be negative");
    }
}
