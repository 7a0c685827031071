using System.Net.Http.Headers;

namespace Automation.Samples.Workers;

/// <summary>
/// Sample external task workers for the sample processes' external steps, one command each:
///   dotnet run --project samples/Workers -- xmeld|kasse|gewerbe --server http://localhost:5080 --token &lt;API-Token&gt; [--outbox &lt;Ordner&gt;]
/// The token comes from Verwaltung → API (or AUTOMATION_TOKEN); Ctrl+C stops the worker.
/// </summary>
internal static class WorkerProgram
{
    private sealed record Kind(string Name, string DefaultOutbox, string Done,
        Func<ExternalTaskClient, string, TopicWorker> Create);

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.Ordinal)
    {
        ["xmeld"] = new("XMeld-Bearbeiter (Wohnsitzanmeldung, Gruppe meldewesen)", "xmeld-ausgang", "Rückmeldung(en) abgelegt",
            (client, outbox) => new XmeldWorker(client, outbox, RetryPolicy.Default, TimeProvider.System)),
        ["kasse"] = new("Kassen-Bearbeiter (Wohngeldantrag, Eingangsrechnung, Gruppe kasse)", "kasse-ausgang", "Auszahlungsanordnung(en) abgelegt",
            (client, outbox) => new KasseWorker(client, outbox, RetryPolicy.Default, TimeProvider.System)),
        ["gewerbe"] = new("Gewerbe-Bearbeiter (Gewerbeanmeldung, Gruppe gewerbeamt)", "gewerbe-ausgang", "Gewerbeanzeige(n) abgelegt",
            (client, outbox) => new GewerbeWorker(client, outbox, RetryPolicy.Default, TimeProvider.System)),
    };

    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (args.Length == 0 || !Kinds.TryGetValue(args[0], out var kind))
        {
            Console.Error.WriteLine("Bitte einen Bearbeiter wählen: xmeld, kasse oder gewerbe, z. B.");
            Console.Error.WriteLine("  dotnet run --project samples/Workers -- kasse --server http://localhost:5080 --token <Token> [--outbox <Ordner>]");
            return 2;
        }
        var server = Arg("--server") ?? "http://localhost:5080";
        var token = Arg("--token") ?? Environment.GetEnvironmentVariable("AUTOMATION_TOKEN");
        var outbox = Arg("--outbox") ?? Path.Combine(Environment.CurrentDirectory, kind.DefaultOutbox);
        if (string.IsNullOrWhiteSpace(token))
        {
            Console.Error.WriteLine("Bitte ein API-Token angeben: --token <Token> oder Umgebungsvariable AUTOMATION_TOKEN (Verwaltung → API).");
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
        var worker = kind.Create(new ExternalTaskClient(http, $"{args[0]}-bearbeiter-{Environment.MachineName}"), outbox);
        Console.WriteLine($"{kind.Name} wartet auf Aufgaben zum Thema „{worker.Topic}“ von {server} (Ablage: {outbox}); Strg+C beendet.");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var done = await worker.RunOnceAsync(TimeSpan.FromSeconds(30), stop.Token);
                if (done > 0) Console.WriteLine($"{done} {kind.Done}.");
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
