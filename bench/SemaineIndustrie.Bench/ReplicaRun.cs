using System.Text.Json;
using Npgsql;
using SemaineIndustrie.Bench.Chaos;

namespace SemaineIndustrie.Bench;

/// <summary>
/// The pipeline again with two replicas of every consumer service (bench/run.sh starts the second ones and a gateway
/// that balances over both): on one 2-core machine it cannot go faster, so what it shows is that replicas share the
/// work without losing or duplicating anything, at the same throughput per CPU-second.
/// </summary>
public static class ReplicaRun
{
    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        string Arg(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        void Say(string text) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {text}");
        var submissions = int.Parse(options.GetValueOrDefault("submissions", "2000"));
        var organisers = int.Parse(options.GetValueOrDefault("organisers", "16"));
        var postgres = Arg("postgres");
        var pids = Arg("pids").Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]));
        var pipeline = new Pipeline(new Uri(Arg("gateway")), new Uri(Arg("publication")),
            new NpgsqlConnectionStringBuilder(postgres) { Database = "si_bench_publication" }.ConnectionString, DateOnly.Parse(Arg("first-day")), numberedFrom: 1_000_000);

        // The new replicas start cold: they get the same warm-up as the first ones had (their JIT otherwise runs through the measured run).
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "1000"));
        Say($"replicas: warm-up of the new replicas, {warmup} submissions (not measured)…");
        await pipeline.RunAsync(warmup, organisers, null, CancellationToken.None);
        Task<long> XidAsync() => Measure.TransactionIdAsync(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString);
        var xidBefore = await XidAsync();
        var cpu = new CpuTimes(pids);
        var before = cpu.Snapshot();
        Say($"replicas: {submissions} submissions, two replicas of each consumer service…");
        var run = await pipeline.RunAsync(submissions, organisers, null, CancellationToken.None);
        var used = CpuTimes.Delta(before, cpu.Snapshot());
        var writeTransactions = (await XidAsync() - xidBefore - 1) / (double)submissions;
        var perSubmission = used.ToDictionary(d => d.Key, d => Math.Round(1000 * d.Value / submissions, 2));
        Say("replicas: CPU ms per submission: " + string.Join(" · ", perSubmission.Select(c => $"{c.Key} {c.Value:N1}")));

        // Every submission reached the catalogue (the run waits for it); nothing was applied twice anywhere.
        var audit = new Audit(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString, "si_bench_",
            new HashSet<string> { "submission", "review", "geocoding", "publication" });
        var duplicates = await audit.DuplicatesAsync(run.Published, "Visite industrielle");
        var perCpuSecond = submissions / used["machine (all, busy)"];
        Say($"replicas: {run.PerSecond:N1} submissions/s, {run.Published.Count}/{submissions} published, duplicated effects: " +
            (duplicates.Count == 0 ? "none" : string.Join(", ", duplicates.Select(d => $"{d.Key} {d.Value}"))) +
            $"; {perCpuSecond:N1} submissions per CPU-second of the machine; {writeTransactions:N1} write transactions per submission");
        // Both replicas of each service worked: their CPU time under the load is the evidence (each took messages off the shared queues).

        var output = Arg("out");
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new
        {
            submissions, submissionsPerSecond = Math.Round(run.PerSecond, 1), published = run.Published.Count, duplicates,
            submissionsPerCpuSecond = Math.Round(perCpuSecond, 2), writeTransactionsPerSubmission = Math.Round(writeTransactions, 2), cpuMsPerSubmission = perSubmission,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        return duplicates.Count == 0 && run.Published.Count == submissions ? 0 : 1;
    }
}
