using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Automation.Data.Schema;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteAutomationDbContext</c> build the model.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAutomationDbContext>
{
    /// <inheritdoc />
    public SqliteAutomationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAutomationDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresAutomationDbContext</c> build the model.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAutomationDbContext>
{
    /// <inheritdoc />
    public PostgresAutomationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAutomationDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
