namespace Automation.Engine.Model;

/// <summary>Complexity class of a standard activity in the Zeitwerttabelle.</summary>
public enum Complexity
{
    /// <summary>einfach</summary>
    Simple,
    /// <summary>mittel</summary>
    Medium,
    /// <summary>komplex</summary>
    Complex,
}

/// <summary>Pay level (Laufbahngruppe) of the Lohnkostentabelle.</summary>
public enum PayLevel
{
    /// <summary>einfacher und mittlerer Dienst (one column in the Lohnkostentabelle).</summary>
    EinfacherMittlerer,
    /// <summary>gehobener Dienst.</summary>
    Gehoben,
    /// <summary>höherer Dienst.</summary>
    Hoeher,
}

/// <summary>How far a step is automated. Values follow the transparency-register vocabulary.</summary>
public enum AutomationLevel
{
    /// <summary>Staff do the step.</summary>
    Manual,
    /// <summary>Software assists; staff do and decide.</summary>
    Assistive,
    /// <summary>Software prepares the decision; staff confirm it.</summary>
    DecisionPreparing,
    /// <summary>Software does the step (an automated decision where the step decides).</summary>
    Automated,
}

/// <summary><c>am:effort</c>: the standard effort of a human step.</summary>
/// <param name="Activity">Standard activity number 1–17 of the Zeitwerttabelle, if given.</param>
/// <param name="Complexity">Complexity class, if given.</param>
/// <param name="PayLevel">Pay level of the staff doing the step, if given.</param>
/// <param name="Occupation">KldB 2010 occupation code (5 digits), if given.</param>
/// <param name="Minutes">Explicit standard minutes that override the Zeitwerttabelle, if given.</param>
public sealed record EffortAnnotation(int? Activity, Complexity? Complexity, PayLevel? PayLevel, string? Occupation, double? Minutes);

/// <summary><c>am:footprint</c>: material footprint per execution of a step.</summary>
/// <param name="PrintedPages">Printed A4 pages.</param>
/// <param name="Letters">Posted standard letters.</param>
/// <param name="CitizenTrips">Trips a citizen makes to the authority for this step.</param>
internal sealed record FootprintAnnotation(double PrintedPages, double Letters, double CitizenTrips);

/// <summary><c>am:automation</c>: automation level and AI use of a step.</summary>
/// <param name="Level">The automation level.</param>
/// <param name="Ai">Whether an AI model takes part (the step is AI-assisted).</param>
/// <param name="Candidate">Whether the process owner marks the step as a candidate for automation.</param>
/// <param name="Inferences">AI inferences per execution, where the step uses AI.</param>
/// <param name="CpuSeconds">Expected CPU seconds per execution of the automated part, if known.</param>
public sealed record AutomationAnnotation(AutomationLevel Level, bool Ai, bool Candidate, double? Inferences, double? CpuSeconds);

/// <summary>A field of a human task's form.</summary>
/// <param name="Id">Variable name the value is stored under.</param>
/// <param name="Label">Label shown to staff.</param>
/// <param name="Type">string, long, double, boolean, date, email (one address, Runtime.EmailAddress), enum or file (a case document: {id, name, size, mediaType}).</param>
/// <param name="Required">Whether a value must be given to complete the task.</param>
/// <param name="Options">Allowed values for enum fields.</param>
public sealed record FormField(string Id, string Label, string Type, bool Required, IReadOnlyList<string> Options)
{
    /// <summary>The value the form shows first (<c>camunda:formField defaultValue</c>, may be JUEL), as written.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Fewest characters of a text value (<c>minlength</c> constraint).</summary>
    public int? MinLength { get; init; }

    /// <summary>Most characters of a text value (<c>maxlength</c> constraint).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Smallest number allowed (<c>min</c> constraint).</summary>
    public double? Min { get; init; }

    /// <summary>Largest number allowed (<c>max</c> constraint).</summary>
    public double? Max { get; init; }

    /// <summary>Whether the field only shows a value: a submitted value is refused and never written (<c>readonly</c>).</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>A variable copied into or out of a call activity.</summary>
/// <param name="Source">Expression evaluated in the source scope (a plain variable name is an expression too).</param>
/// <param name="Target">Variable name in the target scope.</param>
internal sealed record VariableMapping(string Source, string Target)
{
    /// <summary>A target that spreads the source's object: each of its properties becomes a variable (ExecuteWorkflow's input).</summary>
    public const string Spread = "*";
}

/// <summary>A fault raised as an incident when reached (Elsa's Fault activity).</summary>
/// <param name="Code">The fault's code, kept as the incident's code.</param>
/// <param name="Message">Expression giving the incident's message; null for a fault without message.</param>
internal sealed record FaultDefinition(string? Code, string? Message);

/// <summary>The service binding of an automated step.</summary>
/// <param name="ActionName">Name of a registered action (for example <c>noop</c>, <c>http</c>, a Camunda topic).</param>
/// <param name="Parameters">Literal parameters from the definition.</param>
internal sealed record ServiceBinding(string ActionName, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// An input or output parameter of an activity (<c>camunda:inputParameter</c>/<c>outputParameter</c>,
/// <c>zeebe:input</c>/<c>output</c>): a name and either an expression or a literal text.
/// </summary>
/// <param name="Name">Input parameters: the local variable (for connectors the input field); output parameters: the variable set in the enclosing scope.</param>
/// <param name="Expression">The value's expression; null when <paramref name="Literal"/> is the value.</param>
/// <param name="Literal">A constant text value (Camunda text without <c>${…}</c>); null when absent or an expression.</param>
internal sealed record IoParameter(string Name, DeclaredExpression? Expression, string? Literal)
{
    /// <summary>A <c>camunda:list</c> value: its items in order (each an expression, a literal or a nested list or map).</summary>
    public IReadOnlyList<IoParameter>? List { get; init; }

    /// <summary>A <c>camunda:map</c> value: its entries, each named by its key.</summary>
    public IReadOnlyList<IoParameter>? Map { get; init; }
}
