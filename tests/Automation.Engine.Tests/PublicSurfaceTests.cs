using Automation.Engine.Runtime;

namespace Automation.Engine.Tests;

/// <summary>
/// The engine's public surface is a reviewed list: a type becomes public only when another project under src/ needs
/// it, and the change to PublicSurface.txt shows up in review. Tests reach internals through InternalsVisibleTo.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void Public_types_of_the_engine_are_exactly_the_checked_in_list()
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicSurface.txt"))
            .Where(l => l.Length > 0).ToList();
        var actual = typeof(CaseState).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

        var added = actual.Except(expected, StringComparer.Ordinal).ToList();
        var removed = expected.Except(actual, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"public types changed; made public: [{string.Join(", ", added)}], no longer public: [{string.Join(", ", removed)}]. "
            + "Make a type public only when a project under src/ uses it, then update tests/Automation.Engine.Tests/PublicSurface.txt.");
        // Sorted and each once, so the file diffs cleanly.
        Assert.Equal(expected, actual);
    }
}
