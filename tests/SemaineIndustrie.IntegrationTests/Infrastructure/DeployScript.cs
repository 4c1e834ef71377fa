using System.Diagnostics;
using System.Text;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Runs one of the project's deploy/ scripts as a person would (bash, from the repository's root), with some settings.</summary>
public static class DeployScript
{
    /// <summary>Runs <paramref name="script"/> (e.g. "deploy/restore.sh") and returns its output; fails with that output when it fails.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var root = PlatformSettings.RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, script), .. arguments])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // The shared servers' settings would make deploy/infra.sh use them instead of a server of its own.
        foreach (var name in new[] { "SI_POSTGRES", "SI_RABBITMQ", "SI_RABBITMQ_MANAGEMENT" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} did not finish within 5 minutes:\n{output}");
        }
        lock (output)
        {
            if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
            return output.ToString();
        }
    }
}
