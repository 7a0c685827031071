using Automation.Data.Reports;

namespace Automation.Data.Tests.Reports;

/// <summary>The warning "verursacht mehr CO₂e als eingespart": only for a real excess against a real baseline.</summary>
public sealed class CarbonBalanceTests
{
    [Theory]
    // Nothing against nothing: a step that adds 0 g and saves 0 g is not worse than staff.
    [InlineData(0.0, 0.0, true)]
    // Adds nothing but is dearer in its own staff-time figures than the manual step (saved < 0): no software to blame.
    [InlineData(0.0, -3.0, true)]
    // Adds something, but there is no manual baseline of five cases to weigh it against.
    [InlineData(5.0, 0.0, false)]
    // Adds exactly what it saves.
    [InlineData(2.5, 2.5, true)]
    public void Never_flags_without_a_real_excess_over_a_baseline(double added, double saved, bool baseline) =>
        Assert.False(new CarbonBalance("Task_X", "X", "Automated", 5, added, saved, baseline).Flagged);

    [Fact]
    public void Flags_a_step_that_adds_more_than_it_saves()
    {
        Assert.True(new CarbonBalance("Task_X", "X", "Automated", 5, 0.01, 0.0, true).Flagged);
        Assert.True(new CarbonBalance("Task_X", "X", "AiAssisted", 5, 3.0, -1.0, true).Flagged);
    }
}
