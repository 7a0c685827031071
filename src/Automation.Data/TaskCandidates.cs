using System.Linq.Expressions;
using Automation.Data.Schema;

namespace Automation.Data;

/// <summary>
/// The one rule for a task's candidate users (camunda:candidateUsers): stored as <c>|anna|bert|</c>, so a person
/// matches as <c>|name|</c> — exactly, case included, never as a prefix ("anna" is not "Anna" nor "anna2"), the same
/// comparison as the login name on the task's assignee. A name containing the separator is dropped when stored and never
/// matches, so no entry can stand for two people.
/// </summary>
public static class TaskCandidates
{
    private const char Separator = '|';

    /// <summary>The column value of the evaluated candidate users; null without any (then only the groups decide).</summary>
    public static string? Format(IEnumerable<string>? users)
    {
        var names = users?.Where(u => u.Length > 0 && !u.Contains(Separator, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return names is { Count: > 0 } ? Separator + string.Join(Separator, names) + Separator : null;
    }

    /// <summary>The stored names, for pages and the API.</summary>
    public static IReadOnlyList<string> Parse(string? stored) =>
        stored is null ? [] : stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether <paramref name="user"/> is one of the candidate users <paramref name="stored"/> (a task row's column).</summary>
    public static bool Includes(string? stored, string? user) =>
        Pattern(user) is { } p && stored is not null && stored.Contains(p, StringComparison.Ordinal);

    /// <summary>
    /// <see cref="Includes"/> as a query filter (translated to <c>instr</c>/<c>strpos</c>, where <c>%</c> and <c>_</c> are
    /// plain characters); matches nothing for a name that cannot be a candidate.
    /// </summary>
    public static Expression<Func<TaskRecord, bool>> Filter(string? user)
    {
        var pattern = Pattern(user);
        if (pattern is null) return t => false;
#pragma warning disable CA1307, CA1310 // string.Contains(string) is what the providers translate; both compare ordinally.
        return t => t.CandidateUsers != null && t.CandidateUsers.Contains(pattern);
#pragma warning restore CA1307, CA1310
    }

    private static string? Pattern(string? user) =>
        string.IsNullOrEmpty(user) || user.Contains(Separator, StringComparison.Ordinal) ? null : Separator + user + Separator;
}
