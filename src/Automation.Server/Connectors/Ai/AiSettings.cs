namespace Automation.Server.Connectors.Ai;

/// <summary>
/// The "Connectors:Ai" configuration section: the OpenAI-compatible chat endpoint the <c>ai</c> connector calls (a
/// self-hosted model server speaks it too), set by the administrator. The endpoint's host must be on the list of
/// allowed targets like any outbound call.
/// </summary>
public sealed class AiSettings
{
    /// <summary>Section name.</summary>
    public const string Section = "Connectors:Ai";

    /// <summary>Base URL of the endpoint, e.g. <c>https://ki.land.example/v1</c>; the client appends <c>/chat/completions</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name the endpoint expects.</summary>
    public string? Model { get; set; }

    /// <summary>Name of the secret (Verwaltung › Geheimnisse) holding the API key; none for an endpoint without one.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>The model's size class for the energy per token: small, medium or large.</summary>
    public string SizeClass { get; set; } = "large";

    /// <summary>Time limit of one call, seconds.</summary>
    public int TimeoutSeconds { get; set; } = 60;
}
