using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Automation.Server.Tests.Auth;

/// <summary>The login rate limit counts every spelling of a name as that name (default settings: 5 per minute).</summary>
public sealed class LoginRateLimitTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Spellings_of_a_name_share_its_limit_so_the_right_password_is_refused_once_it_is_used_up()
    {
        await AuthSteps.CreateUserAsync(factory, "pruefer", "pruefer-geheim-1", "Manager");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var spelling in new[] { " pruefer", "PRUEFER", "pruefer\t", "pruefer  ", "Pruefer" })
        {
            Assert.Equal(HttpStatusCode.OK, (await AuthSteps.PostLoginAsync(client, spelling, "falsch")).StatusCode);
        }
        var right = await AuthSteps.PostLoginAsync(client, "pruefer", "pruefer-geheim-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var html = await right.Content.ReadAsStringAsync();
        Assert.Contains("Zu viele Anmeldeversuche", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", html, StringComparison.Ordinal);
    }
}

/// <summary>
/// Progressive lockout per account, with the rate limit raised so that only the lockout answers. The server's clock
/// is a test clock, so the doubling can be seen without waiting.
/// </summary>
public sealed class LoginLockoutTests
{
    /// <summary>A server of its own with a test clock and a rate limit too high to answer before the lockout.</summary>
    private static FolderServer Start(ManualClock clock) =>
        new(FolderServer.NewFolder(), [new("Automation:Login:AttemptsPerMinute", "1000")], clock, ownsFolder: true);

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "<p class=\"notice error\" role=\"alert\">([^<]*)</p>");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_the_lock_doubles_and_unknown_names_get_the_same_answer()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = Start(clock);
        await AuthSteps.CreateUserAsync(server, "sperrkonto", "sperrkonto-1", "Clerk");
        var client = server.CreateClient(new() { AllowAutoRedirect = false });
        var stranger = server.CreateClient(new() { AllowAutoRedirect = false });
        var answers = new List<string>();
        var strangerAnswers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await MessageAsync(await AuthSteps.PostLoginAsync(client, i % 2 == 0 ? "sperrkonto" : " SPERRKONTO", "falsch")));
            strangerAnswers.Add(await MessageAsync(await AuthSteps.PostLoginAsync(stranger, "niemand-hier", "falsch")));
        }
        Assert.All(answers.Take(4), a => Assert.Equal("Benutzername oder Passwort ist falsch.", a));
        Assert.Contains("vorübergehend gesperrt", answers[4], StringComparison.Ordinal);
        Assert.Contains("1 Minute", answers[4], StringComparison.Ordinal);
        // A name that does not exist is answered word for word alike: the lockout reveals no user.
        Assert.Equal(answers, strangerAnswers);

        var locked = await AuthSteps.PostLoginAsync(client, "sperrkonto", "sperrkonto-1");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(answers[4], await MessageAsync(locked));

        clock.Advance(TimeSpan.FromSeconds(61));
        var again = await MessageAsync(await AuthSteps.PostLoginAsync(client, "sperrkonto", "falsch"));
        Assert.Contains("2 Minuten", again, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(again.Replace("2 Minuten", "1 Minute", StringComparison.Ordinal), await MessageAsync(await AuthSteps.PostLoginAsync(client, "sperrkonto", "sperrkonto-1")));
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(client, "sperrkonto", "sperrkonto-1")).StatusCode);
        // Success ends the streak: the next mistake is an ordinary one.
        Assert.Equal("Benutzername oder Passwort ist falsch.", await MessageAsync(await AuthSteps.PostLoginAsync(client, "sperrkonto", "falsch")));

        var audit = (await server.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/audit?kind=login&entityId=sperrkonto")).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).Reverse().ToList();
        Assert.Equal(["failure", "failure", "failure", "failure", "failure", "lockout", "refused-locked", "failure", "lockout", "refused-locked", "success", "failure"], audit);
    }

    [Fact]
    public async Task An_administrator_lifts_a_lock_and_sees_it_in_the_user_list()
    {
        await using var server = Start(new ManualClock(DateTimeOffset.UtcNow));
        await AuthSteps.CreateUserAsync(server, "entsperren", "entsperren-1", "Clerk");
        var client = server.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++) await AuthSteps.PostLoginAsync(client, "entsperren", "falsch");
        var admin = server.ApiClient("admin");
        Assert.NotEqual(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users/entsperren")).GetProperty("lockedUntil").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/admin/users/entsperren/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(client, "entsperren", "entsperren-1")).StatusCode);
    }
}

/// <summary>What a user types never starts a line of its own in the log or the audit log.</summary>
public sealed class LogForgingTests
{
    private const string Forged = "eve\ninfo: Automation.Server.Features.Auth.AnmeldenModel[0] Administrator admin hat sich angemeldet\r\u2028x";

    [Fact]
    public async Task A_user_name_with_a_line_break_stays_on_one_line_of_the_console_log_and_is_escaped_in_the_audit_log()
    {
        using var logs = new CapturedLogs();
        await using var server = new FolderServer(FolderServer.NewFolder(), logs: logs, ownsFolder: true);
        var client = server.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await AuthSteps.PostLoginAsync(client, Forged, "falsch")).StatusCode);

        var options = server.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = server.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == options.FormatterName);
        var entry = logs.Entries.Single(e => e.Message.Contains("eve\ninfo", StringComparison.Ordinal));
        Assert.Contains('\n', entry.Message);
        var written = entry.Format(formatter);
        Assert.Equal(1, written.Count(c => c == '\n'));
        Assert.DoesNotContain('\r', written);
        Assert.DoesNotContain('\u2028', written);
        Assert.Contains("eve\\ninfo:", written, StringComparison.Ordinal);

        var audit = (await server.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/audit?kind=login")).EnumerateArray()
            .Single(e => e.GetProperty("entityId").GetString()!.StartsWith("eve", StringComparison.Ordinal));
        var id = audit.GetProperty("entityId").GetString()!;
        Assert.DoesNotContain('\n', id);
        Assert.DoesNotContain('\r', id);
        Assert.StartsWith("eve\\ninfo:", id, StringComparison.Ordinal);
        var csv = await server.ApiClient("admin").GetStringAsync("/api/audit/export.csv?kind=login");
        Assert.DoesNotContain("\ninfo:", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("a\tb\u001b[31m", "a\\tb\\u001b[31m")]
    [InlineData("a\u0085b\u2028c\u2029d\u007f", "a\\u0085b\\u2028c\\u2029d\\u007f")]
    [InlineData("Grüße, ÄÖÜ – ok", "Grüße, ÄÖÜ – ok")]
    public void Control_characters_and_line_separators_are_escaped_and_other_text_is_kept(string value, string expected) =>
        Assert.Equal(expected, LogEncoding.Encode(value));
}
