using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>The server on its own temporary SQLite file, with the repository's workflows and the demo users.</summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly string folder;
    private readonly bool ownsFolder;
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);

    public ServerFactory() : this(Path.Combine(Path.GetTempPath(), "am-server-" + Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    /// <summary>A server on a given folder (database and data-protection keys); a second server on it is a restart.</summary>
    protected ServerFactory(string folder, bool ownsFolder)
    {
        this.folder = folder;
        this.ownsFolder = ownsFolder;
    }

    /// <summary>The folder holding the database file and the keys.</summary>
    public string Folder => folder;

    /// <summary>Whether demo cases are seeded (users are always seeded).</summary>
    protected virtual bool SeedCases => false;

    /// <summary>Extra settings.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Repository root not found.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Automation:Database:ConnectionString", $"Data Source={Path.Combine(folder, "automation.db")};Pooling=True;Default Timeout=30");
        builder.UseSetting("Automation:WorkflowsPath", Path.Combine(RepositoryRoot, "workflows"));
        builder.UseSetting("Automation:DataProtectionKeysPath", Path.Combine(folder, "keys"));
        builder.UseSetting("Automation:Admin:Password", "admin-secret-1");
        builder.UseSetting("Automation:Demo:Seed", "true");
        builder.UseSetting("Automation:RunScheduler", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (!SeedCases) builder.UseSetting("Automation:Demo:SeedCases", "false");
    }

    /// <summary>The real loopback address when the server runs on Kestrel (browser tests).</summary>
    public Uri? RealAddress { get; set; }

    private WebApplicationFactoryClientOptions Options(bool cookies) => new()
    {
        AllowAutoRedirect = false,
        HandleCookies = cookies,
        BaseAddress = RealAddress ?? new Uri("http://localhost"),
    };

    /// <summary>A client that authenticates with a bearer token of the given user (null: anonymous).</summary>
    public HttpClient ApiClient(string? user)
    {
        var client = CreateClient(Options(false));
        if (user is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return client;
    }

    public string TokenFor(string user)
    {
        lock (tokens)
        {
            if (!tokens.TryGetValue(user, out var token))
            {
                using var context = Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
                // Valid for a month: tests with a movable clock step a day or more ahead on the same server.
                token = ApiTokens.Add(context, user, "test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(30)).Token;
                context.SaveChanges();
                tokens[user] = token;
            }
            return token;
        }
    }

    /// <summary>A browser-like client logged in through the login page (cookie and anti-forgery token).</summary>
    public async Task<HttpClient> LoginAsync(string user, string password)
    {
        var client = CreateClient(Options(true));
        var form = await client.GetStringAsync("/anmelden");
        var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|id=\"antiforgery\" value=\"([^\"]+)\"") is { Success: true } m
            ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            : throw new InvalidOperationException("No anti-forgery token in the page.");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite pools may still hold the file for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }
}

/// <summary>The server with demo cases.</summary>
public sealed class SeededServerFactory : ServerFactory
{
    protected override bool SeedCases => true;
}
