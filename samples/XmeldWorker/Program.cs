using System.Net.Http.Headers;

namespace Automation.Samples.XmeldWorker;

/// <summary>
/// Sample external task worker for the "xmeld" step of the sample process wohnsitzanmeldung.
///   dotnet run --project samples/XmeldWorker -- --server http://localhost:5080 --token <API-Token> [--outbox ./xmeld-ausgang]
/// The token comes from Verwaltung → Tokens (or AUTOMATION_TOKEN); Ctrl+C stops the worker.
/// </summary>
internal static class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Arg("--server") ?? "http://localhost:5080";
        var token = Arg("--token") ?? Environment.GetEnvironmentVariable("AUTOMATION_TOKEN");
        var outbox = Arg("--outbox") ?? Path.Combine(Environment.CurrentDirectory, "xmeld-ausgang");
        if (string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine("Bitte ein API-Token angeben: --token <Token> oder Umgebungsvariable AUTOMATION_TOKEN (Verwaltung → Tokens).");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var http = new HttpClient { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var loop = new XmeldWorkerLoop(new ExternalTaskClient(http, "xmeld-worker-" + Environment.MachineName), outbox, TimeProvider.System);
        Console.WriteLine($"XMeld-Bearbeiter wartet auf Aufgaben von {server} (Ablage: {outbox}); Strg+C beendet.");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var done = await loop.RunOnceAsync(TimeSpan.FromSeconds(30), stop.Token);
                if (done > 0) Console.WriteLine($"{done} Rückmeldung(en) abgelegt.");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine("Server nicht erreichbar oder Anfrage abgelehnt: " + e.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            }
        }
        return 0;
    }
}
