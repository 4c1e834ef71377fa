using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>What a restore drill did: the instant it restored to (null: the latest point) and whether it erased accepted submissions.</summary>
public sealed class DrillLog
{
    public DateTimeOffset? RestoredTo { get; set; }
    public double RestoreSeconds { get; set; }
    public bool ErasesSubmissions { get; init; }
}

public sealed record DrillResult(
    string? RestoredTo, double RpoWindowSeconds, int SubmissionsErased, int DecisionsErased, double RestoreSeconds, double? RtoSeconds,
    int ReconcileRuns, int Repaired, int ForAPerson, IReadOnlyDictionary<string, int> RepairedKinds, IReadOnlyDictionary<string, int> ForAPersonKinds);

/// <summary>
/// The restore drills (deploy/README.md, "Backups and restores"): a database lost or restored to an earlier point under the
/// stream, restored with deploy/restore.sh in the cluster topology, then deploy/reconcile.sh until every service agrees.
/// </summary>
public static partial class Drills
{
    public const int Edition = 2018;

    public static IReadOnlyList<Scenario> All(Audit audit, string root) =>
    [
        new("restore-review-dropped", "DROP DATABASE si_review (an operator's mistake) mid-load; restored to the latest point (just before the drop)",
            async cluster =>
            {
                await audit.DropDatabaseAsync("review");
                return await RestoreAsync(cluster, root, "review", "latest");
            }, Drill: new DrillLog()),
        new("restore-publication-earlier", "the publication database restored to 30 minutes earlier (at most back to the first backup)",
            async cluster =>
            {
                var now = await audit.NowAsync();
                var firstBackup = await FirstBackupAsync(root);
                var to = Max(now - TimeSpan.FromMinutes(30), firstBackup + TimeSpan.FromSeconds(5));
                cluster.Drill!.RestoredTo = to;
                return await RestoreAsync(cluster, root, "publication", Instant(to));
            }, Drill: new DrillLog()),
        new("restore-all-earlier", "every database restored to the same instant, 10 s before the fault (the broker's queues emptied)",
            async cluster =>
            {
                // Mid-stream (the fault comes 20 s in): the instant catches submissions at every step of the pipeline, which
                // reconciliation must bring into agreement; 20 s back was the stream's first second, with nothing to reconcile.
                var to = await audit.NowAsync() - TimeSpan.FromSeconds(10);
                cluster.Drill!.RestoredTo = to;
                return await RestoreAsync(cluster, root, "all", Instant(to));
            }, Drill: new DrillLog { ErasesSubmissions = true }),
        new("broker-data-lost", "every RabbitMQ node's data lost (stopped, deleted, a new cluster); definitions restored from the backup, the services restarted one replica at a time",
            async cluster =>
            {
                var clock = Stopwatch.StartNew();
                await cluster.RunAsync("broker-wipe");
                await cluster.ScriptAsync("deploy/restore.sh", "rabbitmq");
                // The runbook's last step: a rolling restart. Measured on 4 December: some receive endpoints of MassTransit 8 that
                // faulted while every node was gone stay "degraded" (no consumer on their queue) after the broker is back.
                foreach (var service in Cluster.Services.Where(s => s is not ("web" or "gateway")))
                {
                    foreach (var replica in new[] { "1", "2" })
                    {
                        await cluster.RunAsync("kill", service, replica);
                        await Task.Delay(TimeSpan.FromSeconds(2)); // the supervisor's restart delay
                        await cluster.AllReadyAsync(TimeSpan.FromMinutes(3));
                    }
                }
                cluster.Drill!.RestoreSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
                return await cluster.AllReadyAsync(TimeSpan.FromMinutes(5));
            }, Drill: new DrillLog()),
    ];

    private static async Task<DateTimeOffset> RestoreAsync(Cluster cluster, string root, string database, string to)
    {
        var clock = Stopwatch.StartNew();
        await cluster.ScriptAsync("deploy/restore.sh", database, to);
        cluster.Drill!.RestoreSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        return await cluster.AllReadyAsync(TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs deploy/reconcile.sh (repairing) until every submission agrees; what it repaired and left, and when it agreed.</summary>
    public static async Task<(DateTimeOffset? AgreedAt, int Runs, Dictionary<Guid, string> Repaired, Dictionary<string, int> ForAPerson)> ReconcileUntilAgreedAsync(
        Cluster cluster, string root, TimeSpan timeout)
    {
        var repaired = new Dictionary<Guid, string>();
        var forAPerson = new Dictionary<string, int>();
        var deadline = DateTimeOffset.UtcNow + timeout;
        for (var runs = 1; ; runs++)
        {
            try
            {
                await cluster.ScriptAsync("deploy/reconcile.sh", mayFail: true, Edition.ToString(CultureInfo.InvariantCulture));
                using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, ".local", $"reconciliation-{Edition}.json")));
                var r = report.RootElement;
                foreach (var d in r.GetProperty("repairable").EnumerateArray()) repaired.TryAdd(d.GetProperty("submissionId").GetGuid(), d.GetProperty("kind").GetString()!);
                forAPerson = r.GetProperty("forAPerson").EnumerateArray().GroupBy(d => d.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count());
                if (r.GetProperty("agreeing").GetInt32() == r.GetProperty("submissions").GetInt32()) return (DateTimeOffset.UtcNow, runs, repaired, forAPerson);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or IOException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"[chaos] reconcile: {e.Message.Split('\n')[0]}");
            }
            if (DateTimeOffset.UtcNow > deadline) return (null, runs, repaired, forAPerson);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>When the oldest backup of the cluster's stanza ended (a restore cannot go further back).</summary>
    private static async Task<DateTimeOffset> FirstBackupAsync(string root)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy/backup.sh"), "info"]) { RedirectStandardOutput = true, WorkingDirectory = root };
        start.Environment["SI_TOPOLOGY"] = "cluster";
        using var process = Process.Start(start)!;
        var info = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var stop = BackupStop().Match(info);
        if (!stop.Success) throw new InvalidOperationException("no backup of the cluster: deploy/cluster.sh up takes one (unless SI_BACKUPS=0)");
        return new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(stop.Groups[1].Value, CultureInfo.InvariantCulture), DateTimeKind.Local).ToUniversalTime());
    }

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture);
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [GeneratedRegex(@"timestamp start/stop: [0-9-]+ [0-9:]+ / ([0-9-]+ [0-9:]+)")]
    private static partial Regex BackupStop();
}
