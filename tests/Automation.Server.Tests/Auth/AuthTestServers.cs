using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.Server.Tests.Auth;

/// <summary>
/// A server on a folder that outlives it: a second <see cref="FolderServer"/> on the same folder is the same server
/// restarted (same database, same data-protection keys). Optional settings, clock and log capture.
/// </summary>
public sealed class FolderServer(string folder, IEnumerable<KeyValuePair<string, string?>>? settings = null, TimeProvider? clock = null,
    CapturedLogs? logs = null, bool ownsFolder = false) : ServerFactory(folder, ownsFolder)
{
    /// <summary>A new folder under the temp directory.</summary>
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "am-auth-" + Guid.NewGuid().ToString("N"));

    /// <summary>Removes a folder after its last server stopped.</summary>
    public static void DeleteFolder(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger for a moment; the temp folder is cleaned by the OS later.
        }
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings ?? [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (clock is not null) services.AddSingleton(clock);
        });
        if (logs is not null) builder.ConfigureLogging(l => l.AddProvider(logs));
    }
}

/// <summary>A clock the test moves.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>Keeps every log entry the server writes, so a test can format it with the server's own console formatter.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message, Func<Microsoft.Extensions.Logging.Console.ConsoleFormatter, string> Format)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The message is taken now: a pooled logger state (Microsoft.Extensions.Telemetry's extended logging, which the
            // HTTP resilience handler brings) is reset once Log returns, as the console logger formats synchronously too.
            var message = formatter(state, exception);
            owner.Entries.Enqueue((category, message, consoleFormatter =>
            {
                using var writer = new StringWriter();
                consoleFormatter.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<string>(logLevel, category, eventId, message, exception, (m, _) => m), null, writer);
                return writer.ToString();
            }));
        }
    }
}

/// <summary>Small steps the auth tests share.</summary>
internal static class AuthSteps
{
    /// <summary>Creates a user through the API as the administrator.</summary>
    public static async Task CreateUserAsync(ServerFactory server, string name, string password, params string[] roles)
    {
        var response = await server.ApiClient("admin").PostAsJsonAsync("/api/admin/users", new { userName = name, password, roles });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Posts the login form once; returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/anmelden");
        return await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
    }

    /// <summary>A client without cookie handling that sends exactly the given session cookie (a stolen copy).</summary>
    public static HttpClient WithCookie(ServerFactory server, string cookie)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The session cookie ("am.session=…") a logged-in client holds.</summary>
    public static async Task<(HttpClient Client, string Cookie)> LoginWithCookieAsync(ServerFactory server, string user, string password)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/anmelden");
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anmelden")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user, ["Password"] = password,
                ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("am.session=", StringComparison.Ordinal));
        return (WithCookie(server, session + "; " + antiforgeryCookie), session);
    }
}
