namespace Automation.Engine.Accounting;

/// <summary>
/// The kind of authority a deployment belongs to; chooses the row of the Lohnkostentabelle. Configured once per
/// deployment, and recorded with every ledger entry.
/// </summary>
public enum AuthorityType
{
    /// <summary>Federal administration (Bund).</summary>
    Bund,
    /// <summary>State administration (Länder).</summary>
    Land,
    /// <summary>Municipal administration (Kommunen). The default of the CLI.</summary>
    Kommune,
    /// <summary>Social insurance institutions (Sozialversicherung).</summary>
    Sozialversicherung,
}
