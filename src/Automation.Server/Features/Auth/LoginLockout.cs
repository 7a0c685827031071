using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Auth;

/// <summary>
/// Progressive lockout per typed user name in normal form (<see cref="UserNames"/>), kept in the database so it
/// holds across nodes and restarts. <see cref="LoginSettings.LockoutThreshold"/> consecutive failures lock the name
/// for <see cref="LoginSettings.LockoutMinutes"/>; each further failure after a lock doubles it, up to
/// <see cref="LoginSettings.LockoutMaxMinutes"/>. Names that exist and names that do not are treated alike, so a
/// lockout tells nobody which names are real. Attempts during a lock are refused unchecked and do not extend it.
/// </summary>
internal sealed class LoginLockout(WorkflowHostAccessor accessor, TimeProvider time, IOptions<ServerOptions> options)
{
    /// <summary>Longest name key stored (the column's length).</summary>
    public const int MaxKeyLength = 200;

    private LoginSettings Settings => options.Value.Login;

    /// <summary>How long <paramref name="failures"/> consecutive failures lock a name; null below the threshold.</summary>
    public static TimeSpan? Duration(LoginSettings settings, int failures)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.LockoutThreshold <= 0 || failures < settings.LockoutThreshold) return null;
        var doublings = Math.Min(failures - settings.LockoutThreshold, 30);
        var minutes = Math.Min(settings.LockoutMinutes * Math.Pow(2, doublings), settings.LockoutMaxMinutes);
        return TimeSpan.FromMinutes(minutes);
    }

    /// <summary>The key a typed name is counted under.</summary>
    public static string Key(string typedName)
    {
        var key = UserNames.Normalize(typedName);
        return key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];
    }

    /// <summary>The end of the current lock of a name, or null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var context = accessor.Host.Database.CreateContext();
        var until = await context.LoginFailures.Where(r => r.NameKey == key && r.LockedUntil > now).Select(r => r.LockedUntil).SingleOrDefaultAsync(ct);
        return until is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Counts a failure; returns the consecutive failures and, when they reach a lock, its end.</summary>
    public async Task<(int Failures, DateTimeOffset? LockedUntil)> RecordFailureAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var forget = nowMs - (long)TimeSpan.FromHours(Settings.ForgetFailuresAfterHours).TotalMilliseconds;
        await using var context = accessor.Host.Database.CreateContext();
        // One statement counts, so concurrent failures are not lost; a streak older than the forget period starts anew.
        Task<int> IncrementAsync() => context.LoginFailures.Where(r => r.NameKey == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Failures, r => r.LastFailureAt < forget ? 1 : r.Failures + 1)
            .SetProperty(r => r.LastFailureAt, nowMs), ct);
        if (await IncrementAsync() == 0)
        {
            try
            {
                context.LoginFailures.Add(new Automation.Data.Schema.LoginFailureRecord { NameKey = key, Failures = 1, LastFailureAt = nowMs });
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request inserted the row first: count on top of it.
                context.ChangeTracker.Clear();
                await IncrementAsync();
            }
        }
        var failures = await context.LoginFailures.Where(r => r.NameKey == key).Select(r => r.Failures).SingleAsync(ct);
        DateTimeOffset? until = Duration(Settings, failures) is { } duration ? now + duration : null;
        if (until is { } end)
        {
            var endMs = end.ToUnixTimeMilliseconds();
            await context.LoginFailures.Where(r => r.NameKey == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, endMs), ct);
        }
        // Counters of names nobody tried for the forget period are dropped, so random names do not pile up.
        await context.LoginFailures.Where(r => r.LastFailureAt < forget && (r.LockedUntil == null || r.LockedUntil < nowMs)).ExecuteDeleteAsync(ct);
        return (failures, until);
    }

    /// <summary>A successful login ends the streak.</summary>
    public async Task ResetAsync(string key, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        await context.LoginFailures.Where(r => r.NameKey == key).ExecuteDeleteAsync(ct);
    }
}
