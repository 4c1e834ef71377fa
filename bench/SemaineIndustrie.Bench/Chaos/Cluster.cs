using System.Diagnostics;

namespace SemaineIndustrie.Bench.Chaos;

/// <summary>The local cluster of deploy/cluster.sh: its fault commands and its readiness.</summary>
public sealed class Cluster(string script)
{
    public static readonly string[] Services = ["identity", "submission", "labelling-review", "geocoding", "publication", "notification", "web", "gateway"];

    /// <summary>Every process's health address: replicas on 818x / 828x, gateways on 8080 / 8090.</summary>
    public static readonly int[] Ports = [8181, 8182, 8183, 8184, 8185, 8186, 8187, 8281, 8282, 8283, 8284, 8285, 8286, 8287, 8080, 8090];

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>The restore drill running, if any (what it restored to).</summary>
    public DrillLog? Drill { get; set; }

    /// <summary>The repository's root (deploy/cluster.sh's parent's parent).</summary>
    public string Root => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(script)!, ".."));

    /// <summary>Another deploy/ script, in the cluster's topology (SI_TOPOLOGY=cluster, the cluster's submission service and gateway).</summary>
    public Task<string> ScriptAsync(string path, params string[] arguments) => ScriptAsync(path, mayFail: false, arguments);

    public async Task<string> ScriptAsync(string path, bool mayFail, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, path), .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.Environment["SI_TOPOLOGY"] = "cluster";
        start.Environment["SI_SUBMISSION_URL"] = "http://127.0.0.1:8181/";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine(((await output).TrimEnd() + "\n" + (await errors).TrimEnd()).Trim());
        if (process.ExitCode != 0 && !mayFail) throw new InvalidOperationException($"{path} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{await errors}");
        return (await output).Trim();
    }

    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)}: exit {process.ExitCode}\n{await errors}");
        return (await output).Trim();
    }

    /// <summary>Waits until every process answers ready; returns when it did.</summary>
    public async Task<DateTimeOffset> AllReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        foreach (var port in Ports)
        {
            while (!await ReadyAsync(port))
            {
                if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($":{port} not ready after {timeout.TotalSeconds:N0} s");
                await Task.Delay(200);
            }
        }
        return DateTimeOffset.UtcNow;
    }

    private async Task<bool> ReadyAsync(int port)
    {
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }
}
