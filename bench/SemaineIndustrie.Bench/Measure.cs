using System.Diagnostics;

namespace SemaineIndustrie.Bench;

public static class Measure
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static (double P50, double P95, double P99, double Max) Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Count == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Peak resident memory (VmHWM) of a process, in MB, from /proc.</summary>
    public static double PeakMemoryMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    /// <summary>The cluster's next transaction id: its delta over a phase counts writing transactions (only they take an xid).</summary>
    public static async Task<long> TransactionIdAsync(string postgres)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT txid_current()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Resets a process's peak resident memory to its current resident memory (Linux: "5" to /proc/PID/clear_refs).</summary>
    public static void ResetPeakMemory(int pid)
    {
        try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Runs <paramref name="work"/> from <paramref name="concurrency"/> loops for a duration; returns ops/s and latencies (ms).</summary>
    public static async Task<(double PerSecond, List<double> LatenciesMs, int Errors)> ClosedLoopAsync(int concurrency, TimeSpan duration, Func<Task<bool>> work)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await work();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / watch.Elapsed.TotalSeconds, all, errors);
    }
}
