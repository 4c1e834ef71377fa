namespace SemaineIndustrie.Bench.Chaos;

/// <summary>
///   link LISTEN=TARGET …     the broker link of deploy/cluster.sh
///   chaos --cluster deploy/cluster.sh --gateways URL,URL --postgres CS --management URL [--submissions 2000] [--rate 20]
///         [--scenarios a,b] --out DIR     the fault suite (bench/chaos/run.sh)
/// </summary>
public static class Verbs
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stop = new CancellationTokenSource(); // not disposed: the process-exit handler may still cancel it
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        if (args[0] == "link")
        {
            await BrokerLink.RunAsync(args.Skip(1).ToList(), stop.Token);
            return 0;
        }

        var options = args.Skip(1).Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]);
        string Arg(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        var management = new Uri(Arg("management"));
        var gateways = Arg("gateways").Split(',').Select(g => new Uri(g)).ToArray();
        var submissions = int.Parse(options.GetValueOrDefault("submissions", "2000"));
        var rate = double.Parse(options.GetValueOrDefault("rate", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var audit = new Audit(Arg("postgres"));
        var cluster = new Cluster(Arg("cluster"));
        var all = Scenarios.All(management).Concat(Drills.All(audit, cluster.Root)).ToList();
        // Every fault scenario by default; the restore drills when asked for ("drills", or by name).
        var chosen = options.TryGetValue("scenarios", out var names)
            ? names.Split(',').SelectMany(n => n == "drills" ? all.Where(s => s.Drill is not null) : [all.Single(s => s.Name == n)]).ToList()
            : all.Where(s => s.Drill is null).ToList();
        var suite = new ChaosSuite(cluster, gateways, audit, management, new DateOnly(2018, 3, 26));
        var runId = DateTime.UtcNow.ToString("HHmmss");

        var results = new List<ScenarioResult>();
        foreach (var scenario in chosen) results.Add(await suite.RunAsync(scenario, runId, submissions, rate));

        var table = ChaosSuite.Table(results);
        Console.WriteLine();
        Console.WriteLine(table);
        var output = Arg("out");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "latest.json"), ChaosSuite.Json(new { finishedAt = DateTimeOffset.UtcNow, submissions, rate, results }));
        await File.WriteAllTextAsync(Path.Combine(output, "latest.md"), table);
        var failed = results.Any(r => r.Lost > 0 || r.Duplicated.Count > 0 || r.Error is not null || r.Refused > 0 || r.Drill is { RtoSeconds: null });
        Console.WriteLine(failed ? "[chaos] FAILED: something was lost, duplicated or refused" : "[chaos] every scenario: 0 lost, 0 duplicated");
        return failed ? 1 : 0;
    }
}
