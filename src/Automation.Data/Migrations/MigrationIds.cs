namespace Automation.Data.Migrations;

/// <summary>
/// The migrations this build carries, per provider, in order: what the start compares with `__EFMigrationsHistory`.
/// Listed, not found by reflection, because finding them loads every type of this assembly at every start (about
/// 3 MB resident). A migration added without its id here fails HostContractTests on both providers.
/// </summary>
internal static class MigrationIds
{
    /// <summary>SQLite (Migrations/Sqlite).</summary>
    public static readonly IReadOnlyList<string> Sqlite =
    [
        "20261205173805_Initial",
        "20261206003615_ModelerDrafts",
        "20261206085558_AutomatedSteps",
        "20261206114007_ConnectorFiguresAndCandidates",
        "20261206143838_DecisionsAndRegisterAiAct",
        "20261206161619_DecisionBinding",
    ];

    /// <summary>PostgreSQL (Migrations/Postgres).</summary>
    public static readonly IReadOnlyList<string> Postgres =
    [
        "20261205173809_Initial",
        "20261206003624_ModelerDrafts",
        "20261206085622_AutomatedSteps",
        "20261206114012_ConnectorFiguresAndCandidates",
        "20261206143841_DecisionsAndRegisterAiAct",
        "20261206161626_DecisionBinding",
    ];
}
