namespace SemaineIndustrie.Bench;

/// <summary>
/// CPU time (user + system) of the platform's processes from /proc, so that a phase can be charged per submission:
/// each .NET process by its pid, PostgreSQL as the postmaster plus every backend (living ones, and the exited ones its
/// cumulative children's time holds), RabbitMQ as its Erlang VM, the load generator as this process.
/// </summary>
public sealed class CpuTimes(IReadOnlyDictionary<string, int> processes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public Dictionary<string, double> Snapshot()
    {
        var all = ReadAll();
        var seconds = processes.ToDictionary(p => p.Key, p => all.TryGetValue(p.Value, out var s) ? s.Own : double.NaN);
        var postmasters = all.Values.Where(s => s.Comm == "postgres" && (!all.TryGetValue(s.Parent, out var parent) || parent.Comm != "postgres")).ToList();
        seconds["postgresql"] = postmasters.Sum(p => p.Own + p.Children) + all.Values.Where(s => s.Comm == "postgres" && postmasters.Any(p => p.Pid == s.Parent)).Sum(s => s.Own);
        seconds["rabbitmq"] = all.Values.Where(s => s.Comm == "beam.smp").Sum(s => s.Own + s.Children);
        seconds["load generator"] = Environment.ProcessId is var self && all.TryGetValue(self, out var me) ? me.Own : double.NaN;
        seconds["machine (all, busy)"] = MachineBusySeconds();
        return seconds;
    }

    public static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));

    private sealed record Stat(int Pid, string Comm, int Parent, double Own, double Children);

    private static Dictionary<int, Stat> ReadAll()
    {
        var stats = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = text.IndexOf('('); var close = text.LastIndexOf(')');
                var comm = text[(open + 1)..close];
                var f = text[(close + 2)..].Split(' '); // f[0] is field 3 (state)
                double T(int field) => long.Parse(f[field - 3]) / TicksPerSecond;
                stats[pid] = new Stat(pid, comm, int.Parse(f[1]), T(14) + T(15), T(16) + T(17));
            }
            catch (IOException) { } // gone meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return stats;
    }

    private static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = cpu[3] + cpu[4]; // idle + iowait
        return (cpu.Take(8).Sum() - idle) / TicksPerSecond;
    }
}
