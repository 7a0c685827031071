using Automation.Data.Tests.Infrastructure;

namespace Automation.Data.Tests.Host;

/// <summary>The host on a real PostgreSQL (private cluster).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresHostTests(PostgresServer server) : HostContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("host")));
}
