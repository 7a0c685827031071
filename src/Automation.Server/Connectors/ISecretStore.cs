namespace Automation.Server.Connectors;

/// <summary>
/// Secrets (API keys, SMTP passwords) the Admin stores; models and settings name them, never hold them. Values are
/// stored encrypted and leave the store only into a connector call — never into variables, logs, history or exports.
/// </summary>
internal interface ISecretStore
{
    /// <summary>The secret's value; null when no secret has that name.</summary>
    Task<string?> GetAsync(string name, CancellationToken ct);
}
