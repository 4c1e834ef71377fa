using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SemaineIndustrie.Bench.Chaos;

public sealed record ScenarioResult(
    string Scenario, string Fault, int Submissions, int Accepted, int Refused, int FailedAttempts, int Lost,
    Dictionary<string, long> Duplicated, Dictionary<string, long> MissingElsewhere, double FaultAtSeconds, double RecoverySeconds, double MaxPublishAfterRecoverySeconds,
    double AllPublishedAfterRecoverySeconds, Dictionary<string, long> NewInErrorQueues, Dictionary<string, int> ClientSaw, string? Error,
    DrillResult? Drill = null);

/// <summary>
/// The fault suite: for each scenario, a stream of submissions through the gateways with a scripted reviewer,
/// the fault injected a third of the way through, then the audit — every accepted submission labelled, in the
/// catalogue, located and known to the notification service (else lost), every effect once (else duplicated),
/// and how long after the recovery the events held up by the fault were all published.
/// </summary>
public sealed class ChaosSuite(Cluster cluster, Uri[] gateways, Audit audit, Uri management, DateOnly firstDay)
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, string runId, int submissions, double rate)
    {
        Say($"{scenario.Name}: {submissions} submissions at {rate}/s; fault: {scenario.Fault}");
        await cluster.AllReadyAsync(TimeSpan.FromMinutes(3));
        await Management.IdleAsync(management, TimeSpan.FromMinutes(5));
        var errorsBefore = await Management.ErrorQueuesAsync(management);
        var stream = new SubmissionStream(gateways, runId, scenario.Name, firstDay, audit);
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var faultAt = TimeSpan.FromSeconds(submissions / rate / 3);

        var running = stream.RunAsync(submissions, rate, CancellationToken.None);
        var watching = WatchPublicationAsync(stream, running);
        await Task.WhenAny(Task.Delay(faultAt), running);
        Say($"{scenario.Name}: fault at {clock.Elapsed.TotalSeconds:N0} s ({stream.Accepted.Count} accepted so far)");
        var faultStarted = DateTimeOffset.UtcNow;
        string? error = null;
        DateTimeOffset recovered;
        cluster.Drill = scenario.Drill;
        try { recovered = await scenario.Inject(cluster); }
        catch (Exception e) { error = e.Message; recovered = DateTimeOffset.UtcNow; }
        Say($"{scenario.Name}: recovered {(recovered - faultStarted).TotalSeconds:N1} s after the fault");

        // A restore drill: what the restore erased of what clients had been told (its RPO), then reconciliation until every service agrees.
        IReadOnlyDictionary<Guid, DateTimeOffset> erased = new Dictionary<Guid, DateTimeOffset>();
        var decisionsErased = 0;
        Task<(DateTimeOffset? AgreedAt, int Runs, Dictionary<Guid, string> Repaired, Dictionary<string, int> ForAPerson)>? reconciling = null;
        if (scenario.Drill is { } drill)
        {
            // Decisions first: those of submissions the restore erased are erased too.
            var decidedBefore = stream.Decided.Where(d => d.Value <= recovered).Select(d => d.Key).ToList();
            var stillDecided = await audit.DecidedAsync(decidedBefore);
            decisionsErased = decidedBefore.Count(id => !stillDecided.Contains(id));
            // Accepted until the services stopped for the restore, gone after it: accepted before the platform was back.
            var acceptedBefore = stream.Accepted.Where(a => a.Value <= recovered).Select(a => a.Key).ToList();
            if (drill.ErasesSubmissions)
            {
                var held = await audit.SubmittedAsync(acceptedBefore);
                erased = stream.Forget(acceptedBefore.Where(id => !held.Contains(id)).ToList());
            }
            Say($"{scenario.Name}: restored in {drill.RestoreSeconds} s; erased: {erased.Count} accepted submissions, {decisionsErased} acknowledged decisions");
            reconciling = Drills.ReconcileUntilAgreedAsync(cluster, cluster.Root, TimeSpan.FromMinutes(10));
        }

        await running;
        var published = await watching;
        if (scenario.Restore is { } restore) await restore(cluster);

        var reconciled = reconciling is null ? default : await reconciling;
        var ids = stream.Accepted.Keys.ToList();
        var missing = ids.Where(id => !published.ContainsKey(id)).ToHashSet();
        if (reconciling is not null)
        {
            // A restore can take an event off the map after the watcher saw it: the catalogue is read again, once reconciled.
            var deadlineOnMap = DateTimeOffset.UtcNow + PublishDeadline;
            HashSet<Guid> onMap;
            while ((onMap = await audit.PublishedAsync(ids)).Count < ids.Count && DateTimeOffset.UtcNow < deadlineOnMap) await Task.Delay(1000);
            missing.UnionWith(ids.Where(id => !onMap.Contains(id)));
        }
        // The other consumers of the same messages: waited for too (they may lag the catalogue), within the same deadline.
        var deadline = DateTimeOffset.UtcNow + PublishDeadline;
        Dictionary<string, HashSet<Guid>> elsewhere;
        while (true)
        {
            elsewhere = await audit.RecordedElsewhereAsync(ids);
            if (elsewhere.Values.All(found => found.Count == ids.Count) || DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(1000);
        }
        var lostElsewhere = elsewhere.Where(e => e.Value.Count < ids.Count).ToDictionary(e => e.Key, e => (long)(ids.Count - e.Value.Count));
        foreach (var (_, found) in elsewhere) missing.UnionWith(ids.Where(id => !found.Contains(id)));
        var lost = missing.Count;
        var duplicated = await audit.DuplicatesAsync(ids, stream.TitlePrefix);
        // Held up by the fault: decided before the recovery. Their publication after it is the recovery time.
        var heldUp = ids.Where(id => published.ContainsKey(id) && stream.Decided.TryGetValue(id, out var d) && d <= recovered).ToList();
        var recovery = heldUp.Select(id => (published[id] - recovered).TotalSeconds).DefaultIfEmpty(0).Max();
        var afterRecovery = published.Select(p => (p.Value - Max(recovered, stream.Decided.GetValueOrDefault(p.Key, p.Value))).TotalSeconds).DefaultIfEmpty(0).Max();
        var allPublished = published.Count == 0 ? 0 : (published.Values.Max() - recovered).TotalSeconds;

        await Task.Delay(TimeSpan.FromSeconds(6)); // the management statistics refresh every 5 s
        var errorsAfter = await Management.ErrorQueuesAsync(management);
        var newErrors = errorsAfter.Where(e => e.Value > errorsBefore.GetValueOrDefault(e.Key)).ToDictionary(e => e.Key, e => e.Value - errorsBefore.GetValueOrDefault(e.Key));

        DrillResult? drillResult = null;
        if (scenario.Drill is { } log)
        {
            drillResult = new DrillResult(log.RestoredTo?.ToString("u"), log.RestoredTo is { } to ? Math.Round((faultStarted - to).TotalSeconds, 1) : 0,
                erased.Count, decisionsErased, log.RestoreSeconds, reconciled.AgreedAt is { } agreed ? Math.Round((agreed - faultStarted).TotalSeconds, 1) : null,
                reconciled.Runs, reconciled.Repaired.Count, reconciled.ForAPerson.Values.Sum(),
                reconciled.Repaired.Values.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count()), reconciled.ForAPerson);
            Say($"{scenario.Name}: every service agreed {drillResult.RtoSeconds?.ToString(CultureInfo.InvariantCulture) ?? "never"} s after the fault; reconciliation repaired {drillResult.Repaired} submission(s), left {drillResult.ForAPerson} for a person");
        }
        var result = new ScenarioResult(scenario.Name, scenario.Fault, submissions, ids.Count, stream.Refused, stream.FailedAttempts, lost, duplicated, lostElsewhere,
            Math.Round((faultStarted - started).TotalSeconds, 1), Math.Round(Math.Max(0, recovery), 1), Math.Round(Math.Max(0, afterRecovery), 1),
            Math.Round(allPublished, 1), newErrors, stream.Failures.ToDictionary(), error, drillResult);
        Say($"{scenario.Name}: accepted {ids.Count}, lost {lost}, duplicated {duplicated.Values.Sum()}, held-up events published {result.RecoverySeconds} s after recovery" +
            $" (slowest publication after recovery {result.MaxPublishAfterRecoverySeconds} s); client retries {stream.FailedAttempts} ({string.Join(", ", stream.Failures.Select(f => $"{f.Key} ×{f.Value}"))}); new in _error: {Describe(newErrors)}");
        return result;
    }

    /// <summary>When each accepted submission was first seen in the catalogue (polled every 500 ms).</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> WatchPublicationAsync(SubmissionStream stream, Task running)
    {
        var seen = new Dictionary<Guid, DateTimeOffset>();
        DateTimeOffset? deadline = null;
        while (true)
        {
            var pending = stream.Accepted.Keys.Where(id => !seen.ContainsKey(id)).ToList();
            var now = DateTimeOffset.UtcNow;
            foreach (var id in await audit.PublishedAsync(pending)) seen[id] = now;
            if (running.IsCompleted)
            {
                deadline ??= DateTimeOffset.UtcNow + PublishDeadline;
                if (seen.Count >= stream.Accepted.Count || DateTimeOffset.UtcNow > deadline) return seen;
            }
            await Task.Delay(500);
        }
    }

    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | submissions accepted | lost | duplicated | client retries | recovery (held-up events published) | slowest publication after recovery | new in _error |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine($"| {r.Scenario}{(r.Error is null ? "" : " (fault error: " + r.Error.Split('\n')[0] + ")")} | {r.Accepted}/{r.Submissions}{(r.Refused > 0 ? $" ({r.Refused} refused)" : "")} | " +
                $"{r.Lost}{(r.MissingElsewhere.Count > 0 ? " (" + Describe(r.MissingElsewhere) + ")" : "")} | {r.Duplicated.Values.Sum()}{(r.Duplicated.Count > 0 ? " (" + Describe(r.Duplicated) + ")" : "")} | {r.FailedAttempts} | {r.RecoverySeconds:N1} s | " +
                $"{r.MaxPublishAfterRecoverySeconds:N1} s | {Describe(r.NewInErrorQueues)} |");
        }
        var drills = results.Where(r => r.Drill is not null).ToList();
        if (drills.Count == 0) return text.ToString();
        text.AppendLine();
        text.AppendLine("| restore drill | restored to | RPO: window; accepted submissions / acknowledged decisions erased | restore | RTO: fault → every service agrees | reconciliation: runs; repaired; for a person | lost | duplicated |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in drills)
        {
            var d = r.Drill!;
            text.AppendLine($"| {r.Scenario} | {d.RestoredTo ?? "latest"} | {d.RpoWindowSeconds:N1} s; {d.SubmissionsErased} / {d.DecisionsErased} | {d.RestoreSeconds:N1} s | " +
                $"{(d.RtoSeconds is { } rto ? $"{rto:N1} s" : "not reached")} | {d.ReconcileRuns}; {d.Repaired}{(d.RepairedKinds.Count > 0 ? " (" + string.Join(", ", d.RepairedKinds.Select(k => $"{k.Key} {k.Value}")) + ")" : "")}; " +
                $"{d.ForAPerson}{(d.ForAPersonKinds.Count > 0 ? " (" + string.Join(", ", d.ForAPersonKinds.Select(k => $"{k.Key} {k.Value}")) + ")" : "")} | {r.Lost} | {r.Duplicated.Values.Sum()} |");
        }
        return text.ToString();
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    private static string Describe(Dictionary<string, long> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static void Say(string text) => Console.WriteLine($"[chaos {DateTime.Now:HH:mm:ss}] {text}");
}
