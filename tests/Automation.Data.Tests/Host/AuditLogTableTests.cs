using Automation.Data.Schema;
using Automation.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Tests.Host;

/// <summary>The audit_log table is append-only in the database itself: the migration's triggers refuse UPDATE and DELETE.</summary>
public abstract class AuditLogTableTests
{
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    [Fact]
    public async Task Rows_can_be_added_but_not_changed_or_deleted()
    {
        var database = new AutomationDatabase(await NewDatabaseAsync());
        await database.MigrateAsync();
        await using (var context = database.CreateContext())
        {
            context.AuditLog.Add(new AuditEntryRecord { At = 1, Actor = "admin", EntityKind = "user", EntityId = "x", Action = "create", AfterJson = "{}" });
            await context.SaveChangesAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'jemand'"));
            await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        }
        await using (var context = database.CreateContext())
        {
            var row = await context.AuditLog.SingleAsync();
            Assert.Equal("admin", row.Actor);
        }
        await database.DisposeAsync();
    }
}

public sealed class SqliteAuditLogTableTests : AuditLogTableTests, IDisposable
{
    private readonly TestDatabase db = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(db.Options);

    public void Dispose() => db.Dispose();
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresAuditLogTableTests(PostgresServer server) : AuditLogTableTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("audit")));
}
