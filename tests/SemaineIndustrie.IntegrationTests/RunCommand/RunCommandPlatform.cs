using System.Diagnostics;
using System.Net.Sockets;
using Xunit;

namespace SemaineIndustrie.IntegrationTests.RunCommand;

/// <summary>
/// The platform exactly as the README's run command starts it: <c>deploy/run.sh</c> with its default settings (ports
/// 8080–8087, the demo clock, the local accounts), on the shared project-local servers. The test command has just
/// built the solution, so it skips the build (<c>SI_NO_BUILD=1</c>, which changes no setting). Stopped the way a
/// person stops it (SIGTERM, what Ctrl-C's trap does), then killed if it lingers.
/// </summary>
public sealed class RunCommandPlatform : IAsyncLifetime
{
    public static readonly Uri Gateway = new("http://127.0.0.1:8080/");
    public static readonly IReadOnlyDictionary<string, int> Ports = new Dictionary<string, int>
    {
        ["submission"] = 8081, ["labelling-review"] = 8082, ["geocoding"] = 8083, ["publication"] = 8084,
        ["web"] = 8085, ["identity"] = 8086, ["notification"] = 8087,
    };

    private Process? run;
    private readonly System.Text.StringBuilder output = new();

    public async Task InitializeAsync()
    {
        foreach (var port in Ports.Values.Append(8080))
        {
            if (InUse(port)) throw new InvalidOperationException($"Port {port} is taken: stop the platform you are running (deploy/run.sh) before the test command.");
        }
        var root = Infrastructure.PlatformSettings.RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "run.sh")])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["SI_NO_BUILD"] = "1";
        // The README's defaults, whatever the test process was given.
        foreach (var name in new[] { "SI_CLOCK_START", "SI_GATEWAY_PORT", "ASPNETCORE_ENVIRONMENT", "SI_WEB_CLIENT_SECRET", "SI_NOTIFICATION_CLIENT_SECRET" }) start.Environment.Remove(name);
        run = Process.Start(start)!;
        var up = new TaskCompletionSource();
        void Read(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (line.Contains("platform is up", StringComparison.Ordinal)) up.TrySetResult();
        }
        run.OutputDataReceived += (_, e) => Read(e.Data);
        run.ErrorDataReceived += (_, e) => Read(e.Data);
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var finished = await Task.WhenAny(up.Task, run.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(7))); // run.sh's own readiness window is 300 s
        if (finished != up.Task) throw new InvalidOperationException("deploy/run.sh did not come up:\n" + Output);
    }

    public string Output { get { lock (output) return output.ToString(); } }

    private static bool InUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (run is null || run.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await run.WaitForExitAsync(stopped.Token); }
        catch (OperationCanceledException) { run.Kill(entireProcessTree: true); }
        run.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RunCommandCollection : ICollectionFixture<RunCommandPlatform>, ICollectionFixture<Infrastructure.BrowserFixture>
{
    public const string Name = "the README run command";
}
