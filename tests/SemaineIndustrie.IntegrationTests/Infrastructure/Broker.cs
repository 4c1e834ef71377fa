using System.Diagnostics;

namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>Stops and starts the project-local RabbitMQ node's application through deploy/infra.sh.</summary>
public static class Broker
{
    public static Task StopAsync() => RunAsync("broker-stop");

    public static Task StartAsync() => RunAsync("broker-start");

    private static async Task RunAsync(string command)
    {
        var script = FindScript();
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/infra.sh {command} failed ({process.ExitCode}): {await stderr}");
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "deploy", "infra.sh");
            if (File.Exists(script)) return script;
        }
        throw new FileNotFoundException("deploy/infra.sh not found above the test directory");
    }
}
