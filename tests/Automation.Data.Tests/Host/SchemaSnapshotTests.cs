using Automation.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Tests.Host;

/// <summary>
/// The records and the migrations agree, for each provider. Starting the server no longer asks EF Core this (it cost
/// a first start a good part of a second), so a record changed without its migration fails here instead.
/// </summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_the_migrations_lack()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "A record changed without a SQLite migration: add one (docs/architecture.md).");
    }

    [Fact]
    public void Postgres_model_has_no_changes_the_migrations_lack()
    {
        using var context = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "A record changed without a PostgreSQL migration: add one (docs/architecture.md).");
    }
}
